/**
 * The standard benchmark workload, built in memory: a faithful Java port of {@code
 * shared/bench/gen_workload.py} (its IAM part and its expected decisions), including the port of
 * CPython's {@code random} module that makes the seeded stream identical, and the script's small
 * reference evaluator. With the same options it produces the same roles, principals, requests and
 * decisions as the script, and can write them in the script's file formats. Depends on nothing but
 * the JDK.
 */
@NullMarked
package io.iamgate.workload;

import org.jspecify.annotations.NullMarked;
