/**
 * Where bundles come from and how they stay fresh and fast: the {@link
 * io.iamgate.store.BundleSource} SPI (embedded sample, local file or directory, Amazon S3, AWS
 * AppConfig), the {@link io.iamgate.store.BundleStore} that swaps whole compiled bundles atomically
 * and keeps the last good one, and the Caffeine caches of compiled documents and per-principal
 * entries ({@link io.iamgate.store.PolicyCaches}). What a compiled bundle is belongs to the caller
 * (the identity layer's {@code Directory}): the store depends on {@code bundle} and {@code
 * compile}, never on the layers above.
 */
@NullMarked
package io.iamgate.store;

import org.jspecify.annotations.NullMarked;
