/**
 * JSON text to the policy model, with strict validation and positioned diagnostics ({@link
 * io.iamgate.json.Diagnostic}): every error names the file, the JSON Pointer path, the line and
 * column, what was expected and what was found. Depends on {@code json} and {@code policy} only.
 */
@NullMarked
package io.iamgate.policy.parse;

import org.jspecify.annotations.NullMarked;
