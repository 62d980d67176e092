package io.iamgate.cli;

/** Counts in messages: "1 error", "2 errors", "1 policy", "0 policies". */
final class Plural {
  private Plural() {}

  /** {@code n} and {@code one} or {@code many}: {@code count(1, "pass", "passes")} is "1 pass". */
  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** {@code n} and the noun with an "s" when {@code n} is not 1: "1 user", "2 users". */
  static String count(long n, String noun) {
    return count(n, noun, noun + "s");
  }
}
