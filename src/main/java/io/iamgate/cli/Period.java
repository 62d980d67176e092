package io.iamgate.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --since} and {@code --until}: the period {@code logs}, {@code generate-policy} and {@code
 * unused} read.
 */
final class Period {
  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "only events at or after TIME: 2026-11-29T20:00:00Z, or a date (UTC)")
  @Nullable String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "only events before TIME; a date includes that whole day (UTC)")
  @Nullable String until;
}
