package io.crossdistill.aligner;

import io.crossdistill.aligner.internal.AvroSpecConverter;
import io.crossdistill.schemas.Problem;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Avro form of a {@link TaskAlignmentSpec} ({@code io.crossdistill.v1.TaskAlignmentSpec}), for registries
 * and label-store manifests: conversion to and from the generated record, and single-record binary encoding.
 */
public final class AlignmentAvro {

    private AlignmentAvro() {
    }

    /** @return the generated Avro record of a spec */
    public static io.crossdistill.v1.TaskAlignmentSpec toAvro(TaskAlignmentSpec spec) {
        return AvroSpecConverter.toAvro(spec);
    }

    /** @return the spec held by an Avro record */
    public static TaskAlignmentSpec fromAvro(io.crossdistill.v1.TaskAlignmentSpec record) {
        return AvroSpecConverter.fromAvro(record);
    }

    /** @return the spec as Avro binary (no container header; the writer schema is the v1 schema) */
    public static byte[] toBytes(TaskAlignmentSpec spec) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        try {
            new SpecificDatumWriter<>(io.crossdistill.v1.TaskAlignmentSpec.class).write(toAvro(spec), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode alignment spec", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @return the spec encoded by {@link #toBytes}
     * @throws AlignmentException if the bytes are not an encoded spec
     */
    public static TaskAlignmentSpec fromBytes(byte[] bytes) {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
        try {
            return fromAvro(new SpecificDatumReader<>(io.crossdistill.v1.TaskAlignmentSpec.class).read(null, decoder));
        } catch (IOException | RuntimeException e) {
            throw new AlignmentException("not an Avro alignment spec", List.of(new Problem("", String.valueOf(e.getMessage()))));
        }
    }
}
