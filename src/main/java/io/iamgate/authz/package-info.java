/**
 * The embeddable facade for backends: {@link io.iamgate.authz.IamGate} loads a bundle from any
 * source and answers fine-grained questions ("may alice do X on Y?") with the same engine and
 * caches as the authorizer. No AWS type appears in its signatures.
 */
@NullMarked
package io.iamgate.authz;

import org.jspecify.annotations.NullMarked;
