/**
 * Where bundles come from and how they stay fresh and fast: the {@link
 * io.iamgate.store.BundleSource} SPI (embedded sample, local file or directory, Amazon S3, AWS
 * AppConfig), the {@link io.iamgate.store.BundleStore} that swaps whole compiled bundles atomically
 * and keeps the last good one, and the Caffeine caches of compiled documents and per-principal
 * evaluators.
 */
@NullMarked
package io.iamgate.store;

import org.jspecify.annotations.NullMarked;
