package io.iamgate.compile;

import io.iamgate.policy.Arn;
import io.iamgate.policy.CaseFold;
import io.iamgate.policy.IpAddresses;
import io.iamgate.policy.PolicyBinary;
import io.iamgate.policy.PolicyBooleans;
import io.iamgate.policy.PolicyDates;
import io.iamgate.policy.PolicyNumbers;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One request value with lazily parsed typed views. The caches are written at most once with
 * immutable objects (a benign race, as in {@link String#hashCode}), so a scalar may be shared
 * between threads.
 */
public final class Scalar {
  private static final Object UNPARSEABLE = new Object();

  private final String text;
  private @Nullable Object folded;
  private @Nullable Object number;
  private @Nullable Object date;
  private @Nullable Object ip;
  private @Nullable Object bool;
  private @Nullable Object binary;
  private @Nullable Object arn;

  public Scalar(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The case-folded text. */
  public String folded() {
    Object f = folded;
    if (f == null) {
      f = CaseFold.fold(text);
      folded = f;
    }
    return (String) f;
  }

  /** The number, or {@code null} when the text is not one. */
  public @Nullable BigDecimal number() {
    Object v = number;
    if (v == null) {
      BigDecimal d = PolicyNumbers.parse(text);
      v = d == null ? UNPARSEABLE : d;
      number = v;
    }
    return v == UNPARSEABLE ? null : (BigDecimal) v;
  }

  /** The instant, or {@code null}. */
  public @Nullable Instant date() {
    Object v = date;
    if (v == null) {
      Instant d = PolicyDates.parse(text);
      v = d == null ? UNPARSEABLE : d;
      date = v;
    }
    return v == UNPARSEABLE ? null : (Instant) v;
  }

  /** The IP address, or {@code null}. */
  public IpAddresses.@Nullable Address ip() {
    Object v = ip;
    if (v == null) {
      IpAddresses.Address a = IpAddresses.parseAddress(text);
      v = a == null ? UNPARSEABLE : a;
      ip = v;
    }
    return v == UNPARSEABLE ? null : (IpAddresses.Address) v;
  }

  /** The boolean, or {@code null}. */
  public @Nullable Boolean bool() {
    Object v = bool;
    if (v == null) {
      Boolean b = PolicyBooleans.parse(text);
      v = b == null ? UNPARSEABLE : b;
      bool = v;
    }
    return v == UNPARSEABLE ? null : (Boolean) v;
  }

  /** The decoded bytes (never modify them), or {@code null}. */
  byte @Nullable [] binary() {
    Object v = binary;
    if (v == null) {
      byte[] b = PolicyBinary.decode(text);
      v = b == null ? UNPARSEABLE : b;
      binary = v;
    }
    return v == UNPARSEABLE ? null : (byte[]) v;
  }

  /** The six ARN parts (never modify them), or {@code null}. */
  String @Nullable [] arnParts() {
    Object v = arn;
    if (v == null) {
      String[] parts = Arn.split(text);
      v = parts == null ? UNPARSEABLE : parts;
      arn = v;
    }
    return v == UNPARSEABLE ? null : (String[]) v;
  }

  @Override
  public String toString() {
    return text;
  }
}
