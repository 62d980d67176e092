/**
 * The command line: {@code validate}, {@code simulate} (with the {@code --batch} contract), {@code
 * test}, {@code hash-key}, {@code bench}, {@code invoke}, and {@code logs}, {@code generate-policy}
 * and {@code unused}, which read the decision trail back; one picocli class per command. Only
 * {@link io.iamgate.cli.Main#main} exits; every other path returns an exit code and prints one-line
 * messages, never stack traces.
 */
@NullMarked
package io.iamgate.cli;

import org.jspecify.annotations.NullMarked;
