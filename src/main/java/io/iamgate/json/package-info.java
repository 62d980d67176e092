/**
 * The ground floor for documents: a positioned JSON tree ({@link io.iamgate.json.Json}) that every
 * reader builds (policies, bundles in JSON or YAML, events, batch lines), its strict reader ({@link
 * io.iamgate.json.JsonReader}) and JSON Pointer paths, the positioned {@link
 * io.iamgate.json.Diagnostic}s every validator reports, and the one JSON writer ({@link
 * io.iamgate.json.JsonWriter}: compact, pretty or canonical). Depends on Jackson core and the JDK
 * only.
 */
@NullMarked
package io.iamgate.json;

import org.jspecify.annotations.NullMarked;
