/**
 * The embeddable facade for backends: {@link io.iamgate.facade.IamGate} loads a bundle from any
 * source and answers fine-grained questions ("may alice do X on Y?") with the same engine and
 * caches as the authorizer. No AWS type appears in its signatures.
 */
@NullMarked
package io.iamgate.facade;

import org.jspecify.annotations.NullMarked;
