/**
 * Static questions about compiled policies, answered without a request: which context keys change
 * from request to request ({@link io.iamgate.analyze.VolatileKeys}), and whether the decision for
 * an action on every resource under a prefix can depend on the request ({@link
 * io.iamgate.analyze.RouteStability}), which is what makes a cached authorizer answer safe to
 * replay. Depends on {@code eval}, {@code compile}, {@code policy} and the JDK only.
 */
@NullMarked
package io.iamgate.analyze;

import org.jspecify.annotations.NullMarked;
