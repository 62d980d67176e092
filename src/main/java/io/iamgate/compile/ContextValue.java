package io.iamgate.compile;

import java.util.List;

/**
 * The value of one present context key: a single value or a multi-valued set (an array with at
 * least one element, even a one-element array). Immutable; typed views of each element are computed
 * on first use and cached.
 */
public final class ContextValue {
  private final Scalar[] items;
  private final boolean multi;

  private ContextValue(Scalar[] items, boolean multi) {
    this.items = items;
    this.multi = multi;
  }

  /** A single value. */
  public static ContextValue single(String value) {
    return new ContextValue(new Scalar[] {new Scalar(value)}, false);
  }

  /** A multi-valued key; {@code values} must not be empty (an empty array means absent). */
  public static ContextValue multi(List<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an empty array is an absent key, not a value");
    }
    Scalar[] items = new Scalar[values.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = new Scalar(values.get(i));
    }
    return new ContextValue(items, true);
  }

  public boolean isMulti() {
    return multi;
  }

  /** The single value; only meaningful when {@link #isMulti()} is false. */
  public Scalar single() {
    return items[0];
  }

  /** The element count. */
  public int size() {
    return items.length;
  }

  /** Element {@code i}. */
  public Scalar item(int i) {
    return items[i];
  }

  /**
   * Whether the value counts as null for {@code Null} and the set operators: the single empty
   * string (the specification's section 4.2).
   */
  public boolean isEmptyString() {
    return !multi && items[0].text().isEmpty();
  }

  /** The texts of all elements. */
  public List<String> texts() {
    String[] out = new String[items.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = items[i].text();
    }
    return List.of(out);
  }

  @Override
  public String toString() {
    return multi ? texts().toString() : items[0].text();
  }
}
