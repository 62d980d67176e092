package io.iamgate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.iamgate.bundle.Bundle;
import io.iamgate.bundle.BundleFiles;
import io.iamgate.bundle.BundleReader;
import io.iamgate.cli.Main;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.parse.PolicyParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation is real and stands alone. In README.md and every {@code docs/*.md}: every
 * {@code yaml} block is a bundle that loads (or a policy test file, which {@code TestCommandTest}
 * runs), every {@code json} block is well-formed JSON (one value, or one per line) and, when it is
 * a policy document, a valid one; every shell command uses the Maven wrapper; every relative link
 * names a file of the repository. Nothing in the documentation, the SAM template or {@code src/}
 * refers to files outside the repository.
 */
class ReadmeExamplesTest {
  /** The repository root: Maven runs the tests there. */
  private static final Path ROOT = Path.of("").toAbsolutePath().normalize();

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** A Markdown link or image: {@code [text](target)} or {@code [text](target "title")}. */
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?");

  /** A reference-style link definition: {@code [label]: target}. */
  private static final Pattern LINK_DEFINITION =
      Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?", Pattern.MULTILINE);

  /** An inline code span, whose text is never a link. */
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)[^`]+?\\1");

  /** A {@code mvn} command, as opposed to {@code ./mvnw}. */
  private static final Pattern PLAIN_MAVEN = Pattern.compile("(^|[\\s;&|(`$])mvn(\\s|$)");

  private static final Set<String> SHELL = Set.of("sh", "shell", "bash", "console");

  /** One fenced code block of a Markdown file. */
  private record Block(Path file, int line, String language, String text) {
    String where() {
      return ROOT.relativize(file.toAbsolutePath()) + ":" + line;
    }
  }

  /** README.md and every Markdown file under docs/. */
  private static List<Path> documents() throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(out::add);
    }
    return out;
  }

  /** The fenced code blocks of a Markdown file, in order. */
  private static List<Block> blocks(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String open = lines.get(i).strip();
      if (!open.startsWith("```")) {
        continue;
      }
      int start = i + 1;
      StringBuilder text = new StringBuilder();
      for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
        text.append(lines.get(i)).append('\n');
      }
      assertTrue(i < lines.size(), file + ":" + start + ": the code block is never closed");
      out.add(new Block(file, start, open.substring(3).strip(), text.toString()));
    }
    return out;
  }

  private static List<Block> allBlocks(String language) throws IOException {
    List<Block> out = new ArrayList<>();
    for (Path doc : documents()) {
      for (Block b : blocks(doc)) {
        if (b.language().equals(language)) {
          out.add(b);
        }
      }
    }
    return out;
  }

  /** A Markdown file's text without its fenced code blocks and inline code spans. */
  private static String prose(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    boolean inBlock = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.strip().startsWith("```")) {
        inBlock = !inBlock;
        continue;
      }
      if (!inBlock) {
        out.append(CODE_SPAN.matcher(line).replaceAll("")).append('\n');
      }
    }
    return out.toString();
  }

  /** The first code block of {@code language} after {@code heading} in {@code file}. */
  private static String block(Path file, String heading, String language) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int h = text.indexOf("\n" + heading + "\n");
    assertTrue(h >= 0, file + " has no heading `" + heading + "`");
    String fence = "```" + language + "\n";
    int start = text.indexOf(fence, h);
    assertTrue(start >= 0, file + " has no " + language + " block after `" + heading + "`");
    start += fence.length();
    return text.substring(start, text.indexOf("```", start));
  }

  /**
   * Reads every JSON value of {@code text} (JSON Lines allowed) and tells whether the first is an
   * object with a top-level {@code Statement} member, i.e. a policy document.
   */
  private static boolean isPolicyDocument(String text) throws IOException {
    boolean policy = false;
    boolean first = true;
    int values = 0;
    try (JsonParser p = JSON.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        values++;
        if (t == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            if (first && "Statement".equals(p.currentName())) {
              policy = true;
            }
            p.nextToken();
            p.skipChildren();
          }
        } else if (t == JsonToken.START_ARRAY) {
          p.skipChildren();
        }
        first = false;
      }
    }
    assertTrue(values > 0, "the block holds no JSON value");
    return policy;
  }

  @Test
  void theQuickStartRunsTheMainJobAndShowsItsOutput() throws Exception {
    Path readme = ROOT.resolve("README.md");
    assertEquals(
        "./mvnw -B -q package -DskipTests && java -jar target/iamgate.jar invoke events/*.json",
        block(readme, "## Quick start", "sh").strip());
    // what the shell passes for events/*.json: the event files, sorted
    List<String> args = new ArrayList<>(List.of("invoke"));
    try (Stream<Path> s = Files.list(ROOT.resolve("events"))) {
      s.map(p -> "events/" + p.getFileName())
          .filter(p -> p.endsWith(".json"))
          .sorted()
          .forEach(args::add);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            args.toArray(String[]::new),
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            Map.of());
    assertEquals(0, exit, err.toString());
    List<String> printed = out.toString().lines().toList();
    assertEquals(args.size() - 1, printed.size(), "one line per event:\n" + out);
    int last = -1;
    for (String shown : block(readme, "## Quick start", "text").strip().split("\n")) {
      int at = printed.indexOf(shown);
      assertTrue(
          at > last, "README.md shows a line invoke does not print (in this order): " + shown);
      last = at;
    }
  }

  @Test
  void theBundleExampleIsValid() throws Exception {
    Path doc = ROOT.resolve("docs/bundle-format.md");
    String yaml = block(doc, "## A complete example", "yaml");
    ParseResult<Bundle> r =
        BundleReader.read(BundleFiles.single("docs/bundle-format.md", "bundle.yaml", yaml));
    assertTrue(r.ok(), r.diagnostics().toString());
    assertTrue(r.value().roles().containsKey("FulfilmentService"));
    assertTrue(r.value().users().get("alice").groups().contains("Developers"));
    assertEquals(List.of("OfficeOnly"), r.value().guardrails());
    assertEquals(2, r.value().routes().size());
  }

  @Test
  void thePolicyExampleIsValid() throws Exception {
    String json = block(ROOT.resolve("README.md"), "## The policy language in brief", "json");
    assertTrue(isPolicyDocument(json), "README.md: the language example is not a policy document");
    ParseResult<?> r = PolicyParser.parse(json, "README.md");
    assertTrue(r.ok(), r.diagnostics().toString());
  }

  @Test
  void everyYamlExampleIsABundleThatLoads() throws Exception {
    List<Block> yaml = allBlocks("yaml");
    assertFalse(yaml.isEmpty(), "no yaml block found: the bundle examples have moved");
    for (Block b : yaml) {
      if (b.text().lines().anyMatch(l -> l.startsWith("tests:"))) {
        continue; // an `iamgate test` file: TestCommandTest runs it against the sample bundle
      }
      ParseResult<Bundle> r =
          BundleReader.read(BundleFiles.single(b.where(), "bundle.yaml", b.text()));
      assertTrue(r.ok(), b.where() + ": " + r.diagnostics());
    }
  }

  @Test
  void everyJsonExampleIsWellFormedAndEveryPolicyExampleValid() throws Exception {
    List<Block> json = allBlocks("json");
    assertFalse(json.isEmpty(), "no json block found");
    int policies = 0;
    for (Block b : json) {
      boolean policy;
      try {
        policy = isPolicyDocument(b.text());
      } catch (JsonProcessingException e) {
        throw new AssertionError(
            b.where() + ": not well-formed JSON: " + e.getOriginalMessage(), e);
      }
      if (policy) {
        policies++;
        ParseResult<?> r = PolicyParser.parse(b.text(), b.where());
        assertTrue(r.ok(), b.where() + ": " + r.diagnostics());
      }
    }
    assertTrue(policies > 0, "no policy document among the json blocks");
  }

  @Test
  void everyShellCommandUsesTheMavenWrapper() throws Exception {
    for (Path doc : documents()) {
      for (Block b : blocks(doc)) {
        if (!SHELL.contains(b.language())) {
          continue;
        }
        List<String> lines = b.text().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
          assertFalse(
              PLAIN_MAVEN.matcher(lines.get(i)).find(),
              b.where() + " line " + (i + 1) + ": use ./mvnw, not mvn: " + lines.get(i));
        }
      }
    }
  }

  @Test
  void everyRelativeLinkPointsToAFileInTheRepository() throws Exception {
    int links = 0;
    for (Path doc : documents()) {
      String text = prose(doc);
      for (Pattern pattern : List.of(LINK, LINK_DEFINITION)) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
          String target = Objects.requireNonNull(m.group(1));
          if (target.startsWith("#") || target.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            continue; // an anchor in the same file, or a URL (https:, mailto:, ...)
          }
          int anchor = target.indexOf('#');
          String path = anchor < 0 ? target : target.substring(0, anchor);
          Path resolved = Objects.requireNonNull(doc.getParent()).resolve(path).normalize();
          String where = ROOT.relativize(doc) + ": link `" + target + "`";
          assertTrue(resolved.startsWith(ROOT), where + " points outside the repository");
          assertTrue(Files.exists(resolved), where + ": no such file " + ROOT.relativize(resolved));
          links++;
        }
      }
    }
    assertTrue(links > 0, "no relative link found");
  }

  @Test
  void nothingReferencesOutsideTheRepository() throws Exception {
    // spelled in two parts so that this file does not contain the string it looks for
    String needle = ".." + "/shared";
    List<Path> files = new ArrayList<>(documents());
    files.add(ROOT.resolve("template.yaml"));
    try (Stream<Path> s = Files.walk(ROOT.resolve("src"))) {
      s.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    List<String> offenders = new ArrayList<>();
    for (Path f : files) {
      // ISO-8859-1 maps every byte to one char, so any file (even binary) can be searched
      if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(needle)) {
        offenders.add(ROOT.relativize(f).toString());
      }
    }
    assertEquals(List.of(), offenders, "these files refer to `" + needle + "`");
  }
}
