package io.iamgate.store;

import io.iamgate.bundle.BundleFiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A single-file bundle in Amazon S3 ({@code s3://bucket/key}, JSON or YAML by the key's extension),
 * fetched with a conditional GET on the last ETag so that an unchanged bundle costs one 304
 * response.
 */
public final class S3Source implements BundleSource {
  private final S3Client s3;
  private final String bucket;
  private final String key;

  /**
   * A source for {@code s3://bucket/key} with an S3 client on the JDK's URL-connection HTTP client
   * (region and credentials from the environment, as in Lambda), each call bounded by {@code
   * fetchTimeout}. The only place the bundle code creates an AWS SDK client: callers reach the SDK
   * (an optional dependency) only when a bundle is actually read from S3.
   */
  public static S3Source connect(String bucket, String key, Duration fetchTimeout) {
    S3Client client =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .socketTimeout(fetchTimeout)
                    .connectionTimeout(fetchTimeout))
            .overrideConfiguration(c -> c.apiCallTimeout(fetchTimeout))
            .build();
    return new S3Source(client, bucket, key);
  }

  public S3Source(S3Client s3, String bucket, String key) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
  }

  @Override
  public String description() {
    return "s3://" + bucket + "/" + key;
  }

  @Override
  public @Nullable Fetched fetch(@Nullable String previousTag) throws SourceException {
    GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(bucket).key(key);
    if (previousTag != null) {
      req.ifNoneMatch(previousTag);
    }
    try {
      try (ResponseInputStream<GetObjectResponse> in = s3.getObject(req.build())) {
        // as for a file: a bundle is policies, not data, and must not exhaust the memory
        byte[] body = in.readNBytes((int) BundleFiles.MAX_FILE_BYTES + 1);
        if (body.length > BundleFiles.MAX_FILE_BYTES) {
          throw new SourceException(
              "cannot read "
                  + description()
                  + ": the object is over "
                  + BundleFiles.MAX_FILE_BYTES
                  + " bytes, the most a bundle file may have");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String name = key.contains("/") ? key.substring(key.lastIndexOf('/') + 1) : key;
        return new Fetched(BundleFiles.single(description(), name, text), in.response().eTag());
      }
    } catch (S3Exception e) {
      if (e.statusCode() == 304) {
        return null;
      }
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      throw new SourceException(
          "cannot read "
              + description()
              + ": S3 answered "
              + e.statusCode()
              + (code == null ? "" : " " + code),
          e);
    } catch (SdkException e) {
      throw new SourceException("cannot read " + description() + ": " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new SourceException(
          "cannot read " + description() + ": " + e.getClass().getSimpleName(), e);
    }
  }
}
