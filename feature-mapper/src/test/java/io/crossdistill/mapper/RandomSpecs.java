package io.crossdistill.mapper;

import io.crossdistill.v1.InputType;
import io.crossdistill.v1.TeacherInput;
import io.crossdistill.v1.TeacherSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Random target schemas, teacher signatures, valid specs between them, and records, all from one seed.
 * Valid by construction: every rule's chain fits its field and its teacher input.
 */
final class RandomSpecs {

  static final String[] WORDS = {"rock", "pop", "jazz", "ünï", "🎵", "a/b", "", "hip hop"};
  static final String[] MAP_KEYS = {"plays", "skips", "a/b", "tilde~k"};

  /** One generated world. */
  record World(Schema schema, TeacherSignature signature, FeatureMappingSpec spec, int vectorDim,
      List<String> numericPaths, List<String> longPaths, List<String> stringPaths) {
  }

  private final Random random;

  RandomSpecs(long seed) {
    this.random = new Random(seed);
  }

  World world() {
    int vectorDim = 1 + random.nextInt(4);
    SchemaBuilder.FieldAssembler<Schema> f = SchemaBuilder.record("Target").namespace("gen").fields().requiredString("id");
    List<String> numeric = new ArrayList<>();
    List<String> longs = new ArrayList<>();
    List<String> strings = new ArrayList<>();
    int fields = 1 + random.nextInt(6);
    for (int i = 0; i < fields; i++) {
      String name = "n" + i;
      boolean optional = random.nextBoolean();
      switch (random.nextInt(4)) {
        case 0 -> f = optional ? f.optionalFloat(name) : f.requiredFloat(name);
        case 1 -> f = optional ? f.optionalDouble(name) : f.requiredDouble(name);
        case 2 -> {
          f = optional ? f.optionalInt(name) : f.requiredInt(name);
          longs.add("/" + name);
        }
        default -> {
          f = optional ? f.optionalLong(name) : f.requiredLong(name);
          longs.add("/" + name);
        }
      }
      numeric.add("/" + name);
    }
    for (int i = 0; i < 1 + random.nextInt(3); i++) {
      f = random.nextBoolean() ? f.optionalString("s" + i) : f.requiredString("s" + i);
      strings.add("/s" + i);
    }
    f = f.name("m").type().map().values().floatType().noDefault();
    for (String key : MAP_KEYS) {
      numeric.add("/m/" + key.replace("~", "~0").replace("/", "~1"));
    }
    Schema sub = SchemaBuilder.record("Sub").namespace("gen").fields().requiredDouble("x").optionalString("label")
        .endRecord();
    f = f.name("sub").type().optional().type(sub);
    numeric.add("/sub/x");
    strings.add("/sub/label");
    f = f.name("vec").type().array().items().floatType().noDefault();
    Schema schema = f.endRecord();

    List<TeacherInput> inputs = new ArrayList<>();
    List<Rule> rules = new ArrayList<>();
    int count = 1 + random.nextInt(12);
    for (int i = 0; i < count; i++) {
      String name = "in" + i;
      InputType type = InputType.values()[random.nextInt(4)];
      int cardinality = type == InputType.ID ? 2 + random.nextInt(50) : 0;
      int dim = type == InputType.FLOAT_VECTOR ? vectorDim : 1;
      inputs.add(TeacherInput.newBuilder().setName(name).setType(type).setCardinality(cardinality).setDimension(dim)
          .setDefaultValue(random.nextInt(4) == 0 ? null : defaultFor(type, cardinality, dim)).build());
      rules.add(rule(name, type, cardinality, dim, numeric, longs, strings));
    }
    java.util.Collections.shuffle(rules, random);
    TeacherSignature signature = TeacherSignature.newBuilder().setTeacherId("teacher-" + random.nextInt(100))
        .setContentHash(random.nextBoolean() ? "" : Long.toHexString(random.nextLong())).setInputs(inputs)
        .setHeads(List.of()).build();
    FeatureMappingSpec spec = new FeatureMappingSpec("gen-" + random.nextInt(1000), 1 + random.nextInt(5),
        "gen.Target", new FeatureMappingSpec.TeacherRef(signature.getTeacherId(), signature.getContentHash()), "/id",
        rules);
    return new World(schema, signature, spec, vectorDim, numeric, longs, strings);
  }

  private Object defaultFor(InputType type, int cardinality, int dim) {
    return switch (type) {
      case FLOAT -> random.nextFloat();
      case ID -> (long) random.nextInt(cardinality);
      case STRING -> "unk";
      case FLOAT_VECTOR -> {
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < dim; i++) {
          v.add(random.nextFloat());
        }
        yield v;
      }
    };
  }

  private Rule rule(String name, InputType type, int cardinality, int dim, List<String> numeric, List<String> longs,
      List<String> strings) {
    int pick = random.nextInt(10);
    if (pick == 0) {
      return Rule.defaulted(name);
    }
    if (pick == 1) {
      return Rule.constant(name, literal(type, cardinality, dim));
    }
    MissingPolicy policy = random.nextInt(5) == 0 ? MissingPolicy.REJECT : MissingPolicy.DEFAULT;
    List<Transform> chain = new ArrayList<>();
    String path;
    switch (type) {
      case FLOAT -> {
        path = pickOf(numeric);
        for (int k = random.nextInt(4); k > 0; k--) {
          chain.add(numberTransform(numeric));
        }
      }
      case ID -> {
        int way = random.nextInt(4);
        if (way == 0) {
          path = pickOf(numeric);
          List<Double> edges = new ArrayList<>();
          double edge = random.nextGaussian();
          for (int k = random.nextInt(Math.min(cardinality, 6)); k > 0; k--) {
            edges.add(edge);
            edge += 0.01 + random.nextDouble();
          }
          chain.add(new Transform.Bucketize(edges));
        } else if (way == 1 && !longs.isEmpty()) {
          path = pickOf(longs);
          chain.add(random.nextBoolean() ? new Transform.Clip(0, cardinality - 1) : new Transform.Hash(1 + random.nextInt(cardinality)));
        } else {
          path = pickOf(strings);
          chain.add(keyTransform(cardinality));
        }
      }
      case STRING -> path = pickOf(strings);
      default -> {
        path = "/vec";
        if (random.nextBoolean()) {
          chain.add(new Transform.Vector(dim));
        }
      }
    }
    return new Rule(name, new Source.Field(path), chain, policy);
  }

  private Transform numberTransform(List<String> numeric) {
    return switch (random.nextInt(6)) {
      case 0 -> new Transform.Log1p();
      case 1 -> new Transform.Standardize(random.nextGaussian(), 0.1 + random.nextDouble());
      case 2 -> {
        double lo = random.nextGaussian() * 10;
        yield new Transform.Clip(lo, lo + 0.5 + random.nextDouble() * 10);
      }
      case 3 -> new Transform.WeightedSum(random.nextGaussian(),
          List.of(new Transform.Term(pickOf(numeric), 0.5 + random.nextDouble())));
      case 4 -> new Transform.Cast(Transform.CastTarget.FLOAT);
      default -> new Transform.Identity();
    };
  }

  private Transform keyTransform(int cardinality) {
    switch (random.nextInt(3)) {
      case 0 -> {
        List<String> values = new ArrayList<>();
        for (String w : WORDS) {
          if (values.size() < cardinality - 1 && random.nextBoolean()) {
            values.add(w);
          }
        }
        return new Transform.Vocabulary(values, cardinality - 1);
      }
      case 1 -> {
        return new Transform.Hash(1 + random.nextInt(cardinality));
      }
      default -> {
        Map<String, Long> table = new LinkedHashMap<>();
        for (String w : WORDS) {
          if (random.nextBoolean()) {
            table.put(w, (long) random.nextInt(cardinality));
          }
        }
        return new Transform.Lookup(table, random.nextInt(cardinality));
      }
    }
  }

  private Literal literal(InputType type, int cardinality, int dim) {
    return switch (type) {
      case FLOAT -> random.nextBoolean() ? new Literal.Number(random.nextGaussian()) : new Literal.Id(random.nextInt(9));
      case ID -> new Literal.Id(random.nextInt(cardinality));
      case STRING -> new Literal.Text(pickOf(List.of(WORDS)));
      case FLOAT_VECTOR -> {
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < dim; i++) {
          v.add((float) random.nextGaussian());
        }
        yield new Literal.Vector(v);
      }
    };
  }

  /** A random record of the world's schema; sometimes with nulls, absent map keys, odd vectors. */
  GenericRecord record(World world, int index) {
    Schema schema = world.schema();
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", "rec-" + index);
    for (Schema.Field field : schema.getFields()) {
      String name = field.name();
      boolean optional = field.schema().getType() == Schema.Type.UNION;
      if (name.equals("id") || optional && random.nextInt(5) == 0) {
        continue;
      }
      Schema.Type t = optional ? field.schema().getTypes().get(1).getType() : field.schema().getType();
      switch (t) {
        case FLOAT -> r.put(name, (float) (random.nextGaussian() * 5));
        case DOUBLE -> r.put(name, random.nextInt(50) == 0 ? Double.NaN : random.nextGaussian() * 5);
        case INT -> r.put(name, random.nextInt(100) - 10);
        case LONG -> r.put(name, random.nextLong() % 1000);
        case STRING -> r.put(name, pickOf(List.of(WORDS)));
        case MAP -> {
          Map<String, Float> m = new LinkedHashMap<>();
          for (String key : MAP_KEYS) {
            if (random.nextInt(3) > 0) {
              m.put(key, random.nextFloat() * 100);
            }
          }
          r.put(name, m);
        }
        case RECORD -> {
          GenericRecord sub = new GenericData.Record(field.schema().getTypes().get(1));
          sub.put("x", random.nextGaussian());
          sub.put("label", random.nextBoolean() ? null : pickOf(List.of(WORDS)));
          r.put(name, sub);
        }
        case ARRAY -> {
          List<Float> v = new ArrayList<>();
          int n = random.nextInt(10) == 0 ? world.vectorDim() + 1 : world.vectorDim();
          for (int i = 0; i < n; i++) {
            v.add(random.nextFloat());
          }
          r.put(name, v);
        }
        default -> throw new IllegalStateException(t.toString());
      }
    }
    return r;
  }

  <T> T pickOf(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  Random random() {
    return random;
  }
}
