/**
 * The decision trail: a {@link io.iamgate.audit.DecisionEvent} per authorizer decision, built once
 * as a value; the names of every log field in one enum ({@link io.iamgate.audit.LogField}); one
 * JSON-lines writer with an injected clock ({@link io.iamgate.audit.JsonLines}); and the masking of
 * credentials ({@link io.iamgate.audit.Masking}), applied to every text a log line carries, so no
 * token or API key reaches a log. Depends on {@code json} and the JDK only, so every layer may log.
 */
@NullMarked
package io.iamgate.audit;

import org.jspecify.annotations.NullMarked;
