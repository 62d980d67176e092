package io.iamgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iamgate.audit.JsonLines;
import io.iamgate.eval.Decision;
import io.iamgate.facade.IamGate;
import io.iamgate.identity.Directory;
import io.iamgate.identity.Principal;
import io.iamgate.identity.PrincipalEntry;
import io.iamgate.testing.FakeTicker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 source against a real S3 API server (S3Proxy over an in-memory blob store) started on
 * loopback: conditional GETs, reloads, and that a bad update or an outage keeps the last good
 * bundle.
 */
class S3SourceTest {
  private PolicyCaches<PrincipalEntry> caches = PolicyCaches.defaults();
  private static final String BUCKET = "iamgate-bundles";
  private static final String KEY = "prod/bundle.json";

  private S3Proxy proxy;
  private BlobStore blobs;
  private S3Client s3;
  private final List<String> logs = new ArrayList<>();
  private final FakeTicker ticker = new FakeTicker();

  static String bundle(String action) {
    return """
        {"format":"iamgate-bundle/1","account":"123456789012",
         "policies":{"Orders":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"%s","Resource":"*"}]}},
         "users":{"alice":{"policies":["Orders"]}}}
        """
        .formatted(action);
  }

  @BeforeEach
  void start() throws Exception {
    Properties props = new Properties();
    BlobStoreContext ctx =
        ContextBuilder.newBuilder("transient")
            .credentials("unused", "unused")
            .overrides(props)
            .build(BlobStoreContext.class);
    blobs = ctx.getBlobStore();
    blobs.createContainerInLocation(null, BUCKET);
    proxy =
        S3Proxy.builder()
            .blobStore(blobs)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4, "test-access-key", "test-secret-key")
            .build();
    proxy.start();
    for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
      Thread.sleep(10);
    }
    s3 =
        S3Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("test-access-key", "test-secret-key")))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    .socketTimeout(Duration.ofSeconds(2)))
            .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(5)))
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    s3.close();
    if (proxy != null && "STARTED".equals(proxy.getState())) {
      proxy.stop();
    }
  }

  private void put(String text) {
    blobs.putBlob(
        BUCKET,
        blobs
            .blobBuilder(KEY)
            .payload(text.getBytes(StandardCharsets.UTF_8))
            .contentType("application/json")
            .build());
  }

  private BundleStore<Directory> store() {
    return new BundleStore<>(
        new S3Source(s3, BUCKET, KEY),
        Directory.compiler(caches = new PolicyCaches<>(1000, 1000, Duration.ofHours(1), ticker)),
        ticker,
        Duration.ofSeconds(60),
        new JsonLines(Clock.systemUTC(), logs::add));
  }

  @Test
  void fetchIsConditionalOnTheETag() throws Exception {
    put(bundle("orders:GetOrder"));
    S3Source source = new S3Source(s3, BUCKET, KEY);
    BundleSource.Fetched first = source.fetch(null);
    assertTrue(first.files().files().get(0).text().contains("orders:GetOrder"));
    assertNull(source.fetch(first.tag()), "an unchanged object is a 304");
    put(bundle("orders:ListOrders"));
    BundleSource.Fetched second = source.fetch(first.tag());
    assertTrue(second.files().files().get(0).text().contains("orders:ListOrders"));
  }

  @Test
  void reloadsAfterTheIntervalAndSwapsWholeBundles() {
    put(bundle("orders:GetOrder"));
    BundleStore<Directory> store = store();
    IamGate gate = new IamGate(store);
    assertEquals(
        Decision.ALLOW,
        gate.authorize(Principal.user("alice"), "orders:GetOrder", "x", Map.of()).decision());
    String v1 = store.peek().orElseThrow().version();

    put(bundle("orders:ListOrders"));
    ticker.advance(Duration.ofSeconds(59));
    assertEquals(
        Decision.ALLOW,
        gate.authorize(Principal.user("alice"), "orders:GetOrder", "x", Map.of()).decision(),
        "before the interval the old bundle serves");
    ticker.advance(Duration.ofSeconds(1));
    assertEquals(
        Decision.IMPLICIT_DENY,
        gate.authorize(Principal.user("alice"), "orders:GetOrder", "x", Map.of()).decision());
    assertEquals(
        Decision.ALLOW,
        gate.authorize(Principal.user("alice"), "orders:ListOrders", "x", Map.of()).decision());
    assertFalse(v1.equals(store.peek().orElseThrow().version()));
  }

  @Test
  void anInvalidUpdateKeepsTheLastGoodBundle() {
    put(bundle("orders:GetOrder"));
    BundleStore<Directory> store = store();
    String v1 = store.current().orElseThrow().version();
    put(bundle("orders:Get:Order"));
    ticker.advance(Duration.ofMinutes(2));
    assertEquals(v1, store.current().orElseThrow().version());
    assertTrue(store.lastProblem().contains("invalid"), store.lastProblem());
    assertTrue(
        logs.stream()
            .anyMatch(
                l ->
                    l.contains("\"level\":\"WARN\"")
                        && l.contains("keeping the last good bundle")
                        && l.contains("only one colon")),
        logs.toString());
  }

  @Test
  void anOutageKeepsTheLastGoodBundle() throws Exception {
    put(bundle("orders:GetOrder"));
    BundleStore<Directory> store = store();
    String v1 = store.current().orElseThrow().version();
    proxy.stop();
    ticker.advance(Duration.ofMinutes(2));
    assertEquals(v1, store.current().orElseThrow().version());
    assertTrue(
        store.lastProblem().contains("cannot read s3://" + BUCKET + "/" + KEY),
        store.lastProblem());
    IamGate gate = new IamGate(store);
    assertTrue(gate.authorize(Principal.user("alice"), "orders:GetOrder", "x", Map.of()).allowed());
  }

  @Test
  void noGoodBundleDeniesEverything() {
    BundleStore<Directory> store = store(); // the object does not exist
    assertTrue(store.current().isEmpty());
    var a = new IamGate(store).authorize(Principal.user("alice"), "orders:GetOrder", "x", Map.of());
    assertEquals(Decision.IMPLICIT_DENY, a.decision());
    assertTrue(
        a.problem().startsWith("no policy bundle is loaded: cannot read s3://"), a.problem());
    assertTrue(
        logs.stream()
            .anyMatch(
                l -> l.contains("\"level\":\"ERROR\"") && l.contains("every request is denied")));
  }

  @Test
  void missingBucketIsAClearError() {
    S3Source source = new S3Source(s3, "no-such-bucket", KEY);
    BundleSource.SourceException e =
        assertThrows(BundleSource.SourceException.class, () -> source.fetch(null));
    assertTrue(
        e.getMessage().startsWith("cannot read s3://no-such-bucket/" + KEY + ": S3 answered 404"),
        e.getMessage());
  }
}
