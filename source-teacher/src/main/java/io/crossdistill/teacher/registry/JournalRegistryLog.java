package io.crossdistill.teacher.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.jboss.logging.Logger;

/**
 * The embedded registry log: an append-only file of framed entries, each {@code magic, length, CRC32C,
 * payload}, forced to disk before {@link #append} returns. At open, a last entry that is cut short or
 * fails its checksum (a write torn by {@code kill -9} or a power loss) is dropped with a warning and
 * the file is truncated to the last whole entry; a damaged entry followed by more entries is not a
 * torn write, and the open fails rather than silently lose registrations.
 */
public final class JournalRegistryLog implements RegistryLog {

  private static final Logger LOG = Logger.getLogger(JournalRegistryLog.class);
  static final int MAGIC = 0x43445231; // "CDR1"
  static final int HEADER_BYTES = 12;
  private static final int MAX_ENTRY_BYTES = 64 << 20;

  private final Path file;
  private FileChannel channel;
  private Consumer<RegistryEntry> applier;

  public JournalRegistryLog(Path file) {
    this.file = file;
  }

  @Override
  public synchronized void open(Consumer<RegistryEntry> applier) {
    this.applier = applier;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      long good = replay(applier);
      if (good < channel.size()) {
        LOG.warnf("registry journal %s: dropped a torn last entry (%d byte(s) after offset %d); "
            + "the write it held was never acknowledged", file, channel.size() - good, good);
        channel.truncate(good);
        channel.force(true);
      }
      channel.position(good);
    } catch (IOException e) {
      throw new RegistryStorageException("cannot open registry journal " + file, e);
    }
  }

  /** Applies every whole entry; returns the offset just after the last good one. */
  private long replay(Consumer<RegistryEntry> applier) throws IOException {
    long size = channel.size();
    long position = 0;
    int count = 0;
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    while (position < size) {
      header.clear();
      if (readFully(header, position) < HEADER_BYTES) {
        return position; // torn header at the tail
      }
      header.flip();
      int magic = header.getInt();
      int length = header.getInt();
      int crc = header.getInt();
      if (magic != MAGIC || length < 0 || length > MAX_ENTRY_BYTES) {
        if (hasLaterEntry(position + 1, size)) {
          throw corrupt(position, "bad entry header");
        }
        return position; // garbage at the tail: a torn header
      }
      long end = position + HEADER_BYTES + length;
      if (end > size) {
        return position; // torn payload at the tail
      }
      ByteBuffer payload = ByteBuffer.allocate(length);
      readFully(payload, position + HEADER_BYTES);
      if (checksum(payload.array()) != crc) {
        if (end == size) {
          return position; // the last entry is damaged: a torn write
        }
        throw corrupt(position, "checksum mismatch in an entry that is not the last");
      }
      applier.accept(EntryCodec.decode(payload.array()));
      count++;
      position = end;
    }
    LOG.debugf("registry journal %s: %d entries", file, count);
    return position;
  }

  private boolean hasLaterEntry(long from, long size) throws IOException {
    // a damaged header is a torn tail only when no whole entry follows it
    ByteBuffer word = ByteBuffer.allocate(4);
    for (long p = from; p + HEADER_BYTES <= size; p++) {
      word.clear();
      readFully(word, p);
      word.flip();
      if (word.getInt() == MAGIC) {
        return true;
      }
    }
    return false;
  }

  private RegistryStorageException corrupt(long position, String what) {
    return new RegistryStorageException("registry journal " + file + " is damaged at offset " + position + " (" + what
        + "); restore it from a backup (see docs/operations.md) or move it away to start empty");
  }

  private int readFully(ByteBuffer buffer, long position) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  static int checksum(byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return (int) crc.getValue();
  }

  @Override
  public synchronized void append(RegistryEntry entry) {
    if (channel == null) {
      throw new IllegalStateException("journal not open");
    }
    byte[] payload = EntryCodec.encode(entry);
    ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    frame.putInt(MAGIC).putInt(payload.length).putInt(checksum(payload)).put(payload).flip();
    try {
      long start = channel.position();
      while (frame.hasRemaining()) {
        channel.write(frame);
      }
      channel.force(false);
      if (channel.position() != start + HEADER_BYTES + payload.length) {
        throw new RegistryStorageException("registry journal " + file + ": short write");
      }
    } catch (IOException e) {
      throw new RegistryStorageException("cannot append to registry journal " + file, e);
    }
    applier.accept(entry);
  }

  @Override
  public String describe() {
    return "journal " + file;
  }

  @Override
  public synchronized void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warnf("closing registry journal %s: %s", file, e.getMessage());
      }
      channel = null;
    }
  }
}
