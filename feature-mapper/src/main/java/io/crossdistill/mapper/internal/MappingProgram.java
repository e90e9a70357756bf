package io.crossdistill.mapper.internal;

import io.crossdistill.mapper.BadRecord;
import io.crossdistill.mapper.BadRecordSink;
import io.crossdistill.mapper.CompiledMapper;
import io.crossdistill.schemas.TeacherInputBatch;
import io.crossdistill.schemas.TeacherInputLayout;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * The compiled mapper: one {@link RuleProgram} per teacher input, in signature order, run over a
 * reusable {@link ValueCell}.
 */
public final class MappingProgram implements CompiledMapper {

  private final Schema targetSchema;
  private final TeacherInputLayout layout;
  private final RuleProgram[] rules;
  private final TargetPath recordId;
  private final double defaultedFraction;
  private final ValueCell cell = new ValueCell();
  private final boolean[] defaulted;
  private final int[] fieldRules;
  private final float[] numericTemplate;
  private final long[] idTemplate;
  private final String[] stringTemplate;
  private Schema lastAcceptedSchema;
  private long recordsSeen;

  MappingProgram(Schema targetSchema, TeacherInputLayout layout, RuleProgram[] rules, TargetPath recordId,
      double defaultedFraction) {
    this.targetSchema = targetSchema;
    this.layout = layout;
    this.rules = rules;
    this.recordId = recordId;
    this.defaultedFraction = defaultedFraction;
    this.defaulted = new boolean[rules.length];
    this.lastAcceptedSchema = targetSchema;
    // constants and defaults are the same in every row: written once into a template row that each
    // record starts from, so only the rules that read fields run per record
    TeacherInputBatch template = layout.newBatch(1);
    int fields = 0;
    for (int i = 0; i < rules.length; i++) {
      if (rules[i] instanceof RuleProgram.FieldRule) {
        fields++;
      } else {
        defaulted[i] = rules[i].run(null, cell, template, 0) == RuleProgram.DEFAULTED;
      }
    }
    this.fieldRules = new int[fields];
    for (int i = 0, k = 0; i < rules.length; i++) {
      if (rules[i] instanceof RuleProgram.FieldRule) {
        fieldRules[k++] = i;
      }
    }
    this.numericTemplate = template.numeric();
    this.idTemplate = template.ids();
    this.stringTemplate = template.strings();
  }

  @Override
  public TeacherInputLayout layout() {
    return layout;
  }

  @Override
  public double defaultedFraction() {
    return defaultedFraction;
  }

  /** Whether input i (signature order) was defaulted in the last row this mapper wrote. */
  boolean lastRowDefaulted(int input) {
    return defaulted[input];
  }

  @Override
  public boolean map(IndexedRecord record, TeacherInputBatch batch, BadRecordSink sink) {
    if (batch.layout() != layout && !batch.layout().equals(layout)) {
      throw new IllegalArgumentException("the batch has another layout than this mapper writes");
    }
    if (batch.isFull()) {
      throw new IllegalStateException("the batch is full (" + batch.capacity() + " rows); drain and clear it first");
    }
    long ordinal = recordsSeen++;
    if (record == null) {
      sink.reject(new BadRecord("#" + ordinal, "", "/", BadRecord.Kind.WRONG_TYPE, "record is null"));
      return false;
    }
    if (!schemaFits(record.getSchema())) {
      sink.reject(new BadRecord(recordIdOf(record, ordinal), "", "/", BadRecord.Kind.WRONG_TYPE,
          "record has schema " + record.getSchema().getFullName() + ", which differs from the mapping's target schema "
              + targetSchema.getFullName()));
      return false;
    }
    int row = batch.size();
    copyTemplate(batch, row);
    int i = 0;
    try {
      for (int k = 0; k < fieldRules.length; k++) {
        i = fieldRules[k];
        int status = rules[i].run(record, cell, batch, row);
        if (status == RuleProgram.FAILED) {
          sink.reject(new BadRecord(recordIdOf(record, ordinal), rules[i].input, cell.failurePath, cell.failureKind,
              cell.failureMessage));
          return false;
        }
        defaulted[i] = status == RuleProgram.DEFAULTED;
      }
    } catch (RuntimeException e) {
      // a record whose content does not match its own schema (e.g. a hand-built GenericRecord): still data
      sink.reject(new BadRecord(recordIdOf(record, ordinal), rules[i].input, "/", BadRecord.Kind.WRONG_TYPE,
          "record content does not match its schema: " + e));
      return false;
    }
    batch.setSize(row + 1);
    return true;
  }

  private void copyTemplate(TeacherInputBatch batch, int row) {
    if (numericTemplate.length > 0) {
      System.arraycopy(numericTemplate, 0, batch.numeric(), row * numericTemplate.length, numericTemplate.length);
    }
    if (idTemplate.length > 0) {
      System.arraycopy(idTemplate, 0, batch.ids(), row * idTemplate.length, idTemplate.length);
    }
    if (stringTemplate.length > 0) {
      System.arraycopy(stringTemplate, 0, batch.strings(), row * stringTemplate.length, stringTemplate.length);
    }
  }

  private boolean schemaFits(Schema schema) {
    if (schema == lastAcceptedSchema || schema == targetSchema) {
      return true;
    }
    // a structurally equal schema parsed elsewhere; compared once, then remembered by identity
    if (schema != null && schema.equals(targetSchema)) {
      lastAcceptedSchema = schema;
      return true;
    }
    return false;
  }

  private String recordIdOf(IndexedRecord record, long ordinal) {
    if (recordId == null) {
      return "#" + ordinal;
    }
    try {
      Object id = recordId.read(record);
      return id == null ? "#" + ordinal : id.toString();
    } catch (RuntimeException e) {
      // a record that does not fit its schema must still be named
      return "#" + ordinal;
    }
  }
}
