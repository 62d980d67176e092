/**
 * The embeddable facade and the one engine entry: {@link io.iamgate.facade.IamGate} loads a bundle
 * from any source and answers fine-grained questions ("may alice do X on Y?"); its static {@code
 * decide} is what the authorizer and the CLI call too, so every decision merges context keys and
 * reports problems the same way. No AWS type appears in its signatures.
 */
@NullMarked
package io.iamgate.facade;

import org.jspecify.annotations.NullMarked;
