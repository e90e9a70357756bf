package io.crossdistill.student;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ComparisonOutputsTest {

  @TempDir
  static Path out;
  private static ComparisonResult result;

  @BeforeAll
  static void writeOutputs() throws IOException {
    result = SyntheticResults.result();
    ComparisonOutputs.write(result, out);
  }

  @Test
  void metricsJson_parsesBackWithEveryRunAndComparison() throws IOException {
    JsonNode root = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertThat(root.get("runs")).hasSize(result.runs().size());
    assertThat(root.get("comparisons")).hasSize(result.comparisons().size());
    JsonNode first = root.get("runs").get(1);
    assertThat(first.get("variant").asText()).isEqualTo("control");
    assertThat(first.get("fraction").asDouble()).isEqualTo(0.1);
    assertThat(first.get("metrics").get("love").get("auc").asDouble())
        .isEqualTo(result.runs().get(1).metrics().get("love").auc().getAsDouble());
    assertThat(first.get("metrics").get("spend").fieldNames()).toIterable().containsExactly("r2", "rmse");
    assertThat(first.get("learningCurve")).hasSize(6);
    assertThat(first.get("provenance").get("teacherHash").asText()).isEqualTo("sha256:0f3a");
    assertThat(root.get("runs").get(0).get("parameters").isNull()).isTrue();
    JsonNode comparison = root.get("comparisons").get(0);
    for (String field : List.of("variant", "baseline", "fraction", "task", "metric", "meanDifference", "std", "seeds",
        "pValue", "ciLow", "ciHigh", "significant", "verdict")) {
      assertThat(comparison.has(field)).as(field).isTrue();
    }
  }

  @Test
  void scoreFiles_haveTheHeaderAndOneRowPerExampleAndTaskForEveryTestRun() throws IOException {
    List<ModelRun> test = result.testRuns();
    assertThat(Files.list(out.resolve("scores"))).hasSize(test.size());
    assertThat(out.resolve("scores/distilled-f0.1-seed3.csv")).exists();
    assertThat(out.resolve("scores/teacher-zero-shot-f0.0-seed0.csv")).exists();
    List<String> lines = Files.readAllLines(out.resolve("scores/control-f1.0-seed1.csv"));
    assertThat(lines.get(0)).isEqualTo("example_id,task,score,label");
    assertThat(lines).hasSize(1 + SyntheticResults.TEST_EXAMPLES * 3);
    assertThat(lines).contains(lines.stream().filter(l -> l.startsWith("\"t-3,\"\"quoted\"\"\",love,")).findFirst().orElseThrow());
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.substring(line.lastIndexOf('"') + 1).split(",", -1);
      String task = cells[cells.length - 3];
      double score = Double.parseDouble(cells[cells.length - 2]);
      if (!task.equals("spend")) {
        assertThat(score).as(line).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void report_isWellFormedXmlWithoutRemoteResources() throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("http://").doesNotContain("https://");
    Document doc = parse(html);
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
    for (String tag : List.of("script", "link", "iframe", "object")) {
      assertThat(doc.getElementsByTagName(tag).getLength()).as(tag).isZero();
    }
    assertThat(html).contains("country,&quot;x&quot;  &lt;93.5%&gt;").contains("Synthetic data for tests &amp; checks.");
  }

  @Test
  void report_embedsDecodableChartsWithAltTextForEverySection() throws Exception {
    NodeList images = parse(Files.readString(out.resolve("report.html"))).getElementsByTagName("img");
    // 3 metric lines + 3 lift + 2 learning-curve fractions + 2 binary tasks × 3 fractions of calibration
    assertThat(images.getLength()).isEqualTo(3 + 3 + 2 + 6);
    List<String> alts = new ArrayList<>();
    for (int i = 0; i < images.getLength(); i++) {
      Element img = (Element) images.item(i);
      String src = img.getAttribute("src");
      assertThat(src).startsWith("data:image/png;base64,");
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
      assertThat(image).isNotNull();
      assertThat(image.getWidth()).isPositive();
      assertThat(image.getHeight()).isPositive();
      alts.add(img.getAttribute("alt"));
    }
    assertThat(alts).allSatisfy(alt -> assertThat(alt).isNotBlank());
  }

  @Test
  void report_listsEveryComparisonVerdictAndTheProvenanceOfEveryModel() throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    for (Comparison c : result.comparisons()) {
      assertThat(html).contains(c.verdict().replace("<", "&lt;"));
    }
    assertThat(html).contains("hyperParameters = lr=0.001 epochs=6 &lt;hidden=64&gt;").contains("teacher-zero-shot");
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    String xml = html.replaceFirst("^<!DOCTYPE html>", "");
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }
}
