package io.crossdistill.labelling.internal;

import io.crossdistill.labelling.RecordSource;
import io.crossdistill.schemas.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Records of Avro container files, one file after the other, each read with its writer schema resolved
 * to the target schema; streamed one record at a time. The input hash covers every file's content in
 * order (not its name or place), and the record count comes from the block headers, without inflating
 * or decoding.
 * From the first {@link #next} on, a read-ahead thread decodes a few chunks of records ahead (bounded,
 * in input order), so that decoding runs on another core than the teacher's forward pass; {@link #close}
 * stops it. {@link #next} is called from one thread.
 */
public final class AvroFileSource implements RecordSource {

  /** Records per hand-over from the read-ahead thread. */
  private static final int CHUNK = 256;
  /** Chunks decoded ahead at most: bounds the memory read ahead whatever the input's size. */
  private static final int CHUNKS_AHEAD = 4;
  private static final Object END = new Object();

  private final List<Path> files;
  private final String description;
  private final Schema schema;
  private final String inputHash;
  private final long size;
  /** Chunks of items ({@code List<Item>}), then {@link #END} or the {@code RuntimeException} that ended reading. */
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 1);
  private volatile boolean closed;
  private Thread reader;
  private List<Item> chunk;
  private int position;
  private boolean ended;

  public AvroFileSource(List<Path> files, String description, Schema targetSchema) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no input files");
    }
    this.files = List.copyOf(files);
    this.description = description;
    this.schema = targetSchema;
    MessageDigest digest = ContentHash.sha256();
    long records = 0;
    for (Path f : files) {
      digest.update(ContentHash.ofFile(f).getBytes(StandardCharsets.UTF_8));
      records += count(f);
    }
    digest.update(ByteBuffer.allocate(8).putLong(records).array());
    this.inputHash = ContentHash.hex(digest);
    this.size = records;
  }

  /**
   * Records in {@code f}, summed from its block headers: each block is skipped, not inflated or decoded
   * (the count names the input together with the content hash, so it is read before any labelling).
   */
  private static long count(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(in, null);
      byte[] magic = new byte[DataFileConstants.MAGIC.length];
      decoder.readFixed(magic);
      if (!Arrays.equals(magic, DataFileConstants.MAGIC)) {
        throw new IOException("not an Avro container file");
      }
      for (long entries = decoder.readMapStart(); entries != 0; entries = decoder.mapNext()) {
        for (long i = 0; i < entries; i++) {
          decoder.skipString();
          decoder.skipBytes();
        }
      }
      byte[] sync = new byte[DataFileConstants.SYNC_SIZE];
      decoder.readFixed(sync);
      byte[] blockSync = new byte[DataFileConstants.SYNC_SIZE];
      long records = 0;
      while (!decoder.isEnd()) {
        long blockRecords = decoder.readLong();
        long blockBytes = decoder.readLong();
        if (blockRecords < 0 || blockBytes < 0 || blockBytes > Integer.MAX_VALUE) {
          throw new IOException("block " + records + " has a corrupt header");
        }
        decoder.skipFixed((int) blockBytes);
        decoder.readFixed(blockSync);
        if (!Arrays.equals(sync, blockSync)) {
          throw new IOException("invalid sync marker after record " + (records + blockRecords));
        }
        records += blockRecords;
      }
      return records;
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException("cannot read the Avro container file " + f.getFileName() + ": "
          + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
    }
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String inputHash() {
    return inputHash;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(size);
  }

  @Override
  public Item next() {
    while (chunk == null || position == chunk.size()) {
      if (ended) {
        return null;
      }
      if (reader == null) {
        reader = new Thread(this::readAhead, "avro-read-ahead");
        reader.setDaemon(true);
        reader.start();
      }
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading " + description, e);
      }
      if (next instanceof RuntimeException failure) {
        ended = true;
        throw failure;
      }
      if (next == END) {
        ended = true;
        return null;
      }
      @SuppressWarnings("unchecked")
      List<Item> items = (List<Item>) next;
      chunk = items;
      position = 0;
    }
    return chunk.get(position++);
  }

  /**
   * The read-ahead thread: decodes the files in order, {@link #CHUNK} records at a time, into the bounded
   * queue, so that decoding (and inflating) overlaps the label path's own work on another core. It ends
   * with {@link #END} or the failure, or when {@link #close} interrupts it.
   */
  private void readAhead() {
    int file = -1;
    DataFileStream<GenericRecord> current = null;
    try {
      List<Item> items = new ArrayList<>(CHUNK);
      while (!closed) {
        try {
          while (current == null || !current.hasNext()) {
            if (current != null) {
              current.close();
              current = null;
            }
            if (++file >= files.size()) {
              break;
            }
            GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>();
            datumReader.setExpected(schema);
            current = new DataFileStream<>(Files.newInputStream(files.get(file)), datumReader);
          }
          if (current == null) {
            break;
          }
          items.add(Item.of(current.next()));
        } catch (IOException | RuntimeException e) {
          if (!closed) {
            queue.put(new IllegalStateException("cannot read record from " + files.get(Math.min(file,
                files.size() - 1)).getFileName() + " as " + schema.getFullName() + ": " + e.getMessage(), e));
          }
          return;
        }
        if (items.size() == CHUNK) {
          queue.put(items);
          items = new ArrayList<>(CHUNK);
        }
      }
      if (!items.isEmpty()) {
        queue.put(items);
      }
      queue.put(END);
    } catch (InterruptedException e) {
      // closed while waiting for room in the queue
    } finally {
      if (current != null) {
        try {
          current.close();
        } catch (IOException e) {
          // the source is closed or failed already
        }
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    ended = true;
    if (reader != null) {
      reader.interrupt();
      try {
        reader.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reader = null;
    }
    queue.clear();
  }
}
