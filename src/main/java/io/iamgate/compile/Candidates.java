package io.iamgate.compile;

/**
 * The statements of a compiled group whose action clause passes for one action, split by effect, in
 * document order. Never modify the arrays.
 */
public record Candidates(CompiledStatement[] denies, CompiledStatement[] allows) {
  static final Candidates NONE = new Candidates(new CompiledStatement[0], new CompiledStatement[0]);
}
