package io.iamgate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.compile.CompiledPolicySet;
import io.iamgate.compile.NamedDocument;
import io.iamgate.compile.PolicyCompiler;
import io.iamgate.eval.Decision;
import io.iamgate.eval.Evaluation;
import io.iamgate.eval.Evaluator;
import io.iamgate.eval.Explanation;
import io.iamgate.eval.Request;
import io.iamgate.eval.RequestContext;
import io.iamgate.facade.Authorization;
import io.iamgate.facade.IamGate;
import io.iamgate.identity.Principal;
import io.iamgate.json.ParseResult;
import io.iamgate.policy.PolicyDocument;
import io.iamgate.policy.parse.PolicyParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets are compiled and run here, as Caffeine compiles its snippets: each
 * snippet's code sits between {@code // README snippet N} and {@code // end of snippet} below, and
 * {@link #theReadmeShowsExactlyTheseSnippets} checks that the README shows the same code (white
 * space aside). Change one, change both.
 */
class ReadmeSnippetsTest {
  private static final Path THIS = Path.of("src/test/java/io/iamgate/docs/ReadmeSnippetsTest.java");

  @Test
  void theEngineSnippetDecides() throws IOException {
    String jsonText = Files.readString(Path.of("src/examples/policies/developer.json"));
    // README snippet 1
    ParseResult<PolicyDocument> parsed = PolicyParser.parse(jsonText, "developer.json");
    if (!parsed.ok()) parsed.errors().forEach(d -> System.err.println(d.format()));

    CompiledPolicySet set =
        PolicyCompiler.compileSet(
            List.of(new NamedDocument("developer", parsed.value())), /* boundary */
            null, /* guardrails */
            null);

    Request request =
        Request.of(
            "orders:GetOrder",
            "arn:app:orders:eu-west-1:123456789012:order/ord-42",
            RequestContext.builder()
                .put("aws:SourceIp", "10.1.2.3")
                .put("aws:username", "alice")
                .build());

    Evaluation e = Evaluator.decide(set, request); // hot path: decision + the deciding statement
    Explanation x = Evaluator.explain(set, request); // every applying statement, the failed gate
    // end of snippet
    assertTrue(parsed.ok(), parsed.errors().toString());
    assertEquals(Decision.ALLOW, e.decision(), e.reason());
    assertEquals(e.decision(), x.decision());
  }

  @Test
  void theFacadeSnippetAnswers() {
    // README snippet 2
    IamGate gate =
        IamGate.open("file:src/examples/bundle"); // or IamGate.fromEnvironment(System.getenv())
    Authorization a =
        gate.authorize(
            Principal.user("alice"),
            "orders:UpdateOrder",
            "arn:app:orders:eu-west-1:123456789012:order/ord-42",
            Map.of("aws:SourceIp", "10.1.2.3", "aws:ResourceTag/team", "payments"));
    if (!a.allowed()) {
      System.err.println(
          "denied: " + a.reason()); // the reason names the deciding statement or gate
    }
    // end of snippet
    assertNull(a.problem(), "the example bundle knows alice");
  }

  @Test
  void theReadmeShowsExactlyTheseSnippets() throws IOException {
    List<String> readme = javaBlocks(Files.readString(Path.of("README.md")));
    List<String> here = new ArrayList<>();
    Matcher m =
        Pattern.compile("// README snippet \\d+\\n(.*?)\\n\\s*// end of snippet", Pattern.DOTALL)
            .matcher(Files.readString(THIS));
    while (m.find()) {
      here.add(m.group(1));
    }
    assertEquals(2, here.size(), "snippets in this test");
    assertEquals(
        here.stream().map(ReadmeSnippetsTest::squeeze).toList(),
        readme.stream().map(ReadmeSnippetsTest::squeeze).toList(),
        "the README's ```java blocks, in order, must be the snippets of this test");
  }

  private static List<String> javaBlocks(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The code without white space, so that formatting differences do not count. */
  private static String squeeze(String code) {
    return code.replaceAll("\\s+", "");
  }
}
