package io.crossdistill.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossdistill.schemas.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 10,000 invalid specs, each a random valid spec broken by one to three mutations (of the model or of
 * its JSON text): every one must be rejected with at least one error, and nothing but a
 * {@link MappingValidationException} may be thrown.
 */
class InvalidSpecFuzzTest {

  private static final int SPECS = 10_000;
  private static final int MUTATION_KINDS = 16;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fuzz_tenThousandInvalidSpecs_areAllRejectedWithErrorsAndNothingElseThrown() throws Exception {
    Random random = new Random(20_241_005);
    int rejectedWhileReading = 0;
    for (int n = 0; n < SPECS; n++) {
      long seed = random.nextLong();
      RandomSpecs generator = new RandomSpecs(seed);
      RandomSpecs.World world = generator.world();
      FeatureMappingSpec spec = world.spec();
      int mutations = 1 + random.nextInt(3);
      boolean textual = random.nextInt(4) == 0;
      String description;
      if (textual) {
        String json = mutateJson(MappingJson.write(spec), random);
        description = "seed " + seed + ", json:\n" + json;
        try {
          spec = MappingJson.read(json);
        } catch (MappingValidationException e) {
          assertThat(e.errors()).as(description).isNotEmpty();
          rejectedWhileReading++;
          continue;
        }
      } else {
        for (int k = 0; k < mutations; k++) {
          int kind = random.nextInt(MUTATION_KINDS);
          // removing a rule after duplicating it could undo the breakage: removal comes first or not at all
          spec = mutate(spec, world, random, k > 0 && kind == 2 ? 0 : kind);
        }
        description = "seed " + seed + ", spec:\n" + MappingJson.write(spec);
      }
      ValidationResult result;
      try {
        result = FeatureMapping.validate(spec, world.signature(), world.schema());
      } catch (RuntimeException e) {
        throw new AssertionError("validate threw for " + description, e);
      }
      assertThat(result.errors()).as(description).isNotEmpty();
      assertThat(result.errors()).allSatisfy(p -> assertThat(p.pointer()).matches("(/[^/]*)*"));
      try {
        FeatureMapping.compile(spec, world.signature(), world.schema());
        fail("compiled an invalid spec: " + description);
      } catch (MappingValidationException expected) {
        assertThat(expected.errors()).isEqualTo(result.errors());
      }
    }
    assertThat(rejectedWhileReading).isPositive();
  }

  /** One mutation that makes any spec invalid. */
  private static FeatureMappingSpec mutate(FeatureMappingSpec spec, RandomSpecs.World world, Random random, int kind) {
    List<Rule> rules = new ArrayList<>(spec.rules());
    if (rules.isEmpty()) {
      // an earlier mutation removed the last rule: the spec is already invalid (inputs without rules)
      rules.add(Rule.defaulted("ghost"));
    }
    int i = random.nextInt(rules.size());
    Rule rule = rules.get(i);
    switch (kind) {
      case 0 -> rules.set(i, new Rule("nope_" + rule.input(), rule.source(), rule.transforms(), rule.onMissing()));
      case 1 -> rules.add(random.nextInt(rules.size() + 1), rule);
      case 2 -> rules.remove(i);
      case 3 -> rules.set(i, new Rule(rule.input(), new Source.Field(random.nextBoolean() ? "/nowhere" : "no-slash"),
          rule.transforms(), rule.onMissing()));
      case 4 -> rules.set(i, append(rule, new Transform.Standardize(random.nextGaussian(),
          new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}[random.nextInt(4)]), world));
      case 5 -> rules.set(i, append(rule, new Transform.Clip(5, 4), world));
      case 6 -> rules.set(i, append(rule, new Transform.Bucketize(List.of(2.0, 1.0)), world));
      case 7 -> rules.set(i, append(rule, new Transform.Hash(-random.nextInt(3)), world));
      case 8 -> {
        return new FeatureMappingSpec(spec.name(), spec.version(), spec.targetSchema(),
            new FeatureMappingSpec.TeacherRef(spec.teacher().id() + "-other", spec.teacher().contentHash()),
            spec.recordIdField(), rules);
      }
      case 9 -> {
        return new FeatureMappingSpec(spec.name(), spec.version(), spec.targetSchema(),
            new FeatureMappingSpec.TeacherRef(spec.teacher().id(), spec.teacher().contentHash() + "00"),
            spec.recordIdField(), rules);
      }
      case 10 -> {
        return new FeatureMappingSpec(spec.name(), spec.version(), "gen.Other", spec.teacher(), spec.recordIdField(), rules);
      }
      case 11 -> {
        return new FeatureMappingSpec(random.nextBoolean() ? " " : spec.name(), -random.nextInt(2), spec.targetSchema(),
            spec.teacher(), spec.recordIdField(), rules);
      }
      case 12 -> rules.set(i, new Rule(rule.input(), new Source.Default(), List.of(new Transform.Log1p()), rule.onMissing()));
      case 13 -> rules.set(i, Rule.constant(rule.input(), new Literal.Vector(List.of(Float.NaN))));
      case 14 -> rules.set(i, append(rule, new Transform.Vocabulary(List.of("x", "y", "x"), 0), world));
      default -> {
        return new FeatureMappingSpec(spec.name(), spec.version(), spec.targetSchema(), spec.teacher(),
            random.nextBoolean() ? "/nope" : "/vec", rules);
      }
    }
    return new FeatureMappingSpec(spec.name(), spec.version(), spec.targetSchema(), spec.teacher(), spec.recordIdField(),
        rules);
  }

  /** The rule with {@code t} at the end of its chain; a fixed rule becomes a field rule first. */
  private static Rule append(Rule rule, Transform t, RandomSpecs.World world) {
    Source source = rule.source() instanceof Source.Field ? rule.source() : new Source.Field(world.numericPaths().get(0));
    List<Transform> chain = new ArrayList<>(rule.source() instanceof Source.Field ? rule.transforms() : List.of());
    chain.add(t);
    return new Rule(rule.input(), source, chain, rule.onMissing());
  }

  private static String mutateJson(String json, Random random) throws Exception {
    switch (random.nextInt(6)) {
      case 0 -> {
        return json.substring(0, random.nextInt(json.length()));
      }
      case 1 -> {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        root.remove(List.of("name", "version", "targetSchema", "teacher", "rules").get(random.nextInt(5)));
        return root.toString();
      }
      case 2 -> {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        root.put(List.of("version", "rules", "teacher", "name").get(random.nextInt(4)), random.nextBoolean() ? 1.5 : 0);
        if (root.get("name").isNumber()) {
          return root.toString();
        }
        root.put("version", "x");
        return root.toString();
      }
      case 3 -> {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        root.put("tranforms", "typo");
        return root.toString();
      }
      case 4 -> {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        ArrayNode rules = (ArrayNode) root.get("rules");
        ObjectNode rule = (ObjectNode) rules.get(random.nextInt(rules.size()));
        rule.remove(List.of("input", "from", "constant", "default").get(random.nextInt(4)));
        rule.remove("input");
        return root.toString();
      }
      default -> {
        ObjectNode root = (ObjectNode) JSON.readTree(json);
        ArrayNode rules = (ArrayNode) root.get("rules");
        ObjectNode rule = (ObjectNode) rules.get(random.nextInt(rules.size()));
        rule.putArray("transforms").addObject().put("op", "frobnicate").put("strength", 11);
        return root.toString().replace("\"op\":\"frobnicate\"", random.nextBoolean() ? "\"op\":\"frobnicate\"" : "\"op\":7");
      }
    }
  }

  @Test
  void mutate_eachKind_isInvalidOnItsOwn() {
    // guards the fuzz test itself: every mutation kind alone must make a valid spec invalid
    for (long seed = 0; seed < 20; seed++) {
      RandomSpecs.World world = new RandomSpecs(seed).world();
      for (int kind = 0; kind < MUTATION_KINDS; kind++) {
        FeatureMappingSpec mutated = mutate(world.spec(), world, new Random(seed), kind);
        assertThat(FeatureMapping.validate(mutated, world.signature(), world.schema()).errors())
            .as("seed " + seed + ", mutation kind " + kind).isNotEmpty();
      }
    }
  }
}
