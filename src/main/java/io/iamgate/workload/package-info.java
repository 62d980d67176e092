/**
 * The standard benchmark workload, generated in memory: one seeded authorization problem (seed 42:
 * 200 roles of IAM policy documents, 1,992 statements, 1,000 principals, 100,000 requests) that
 * every speed figure of iamgate is measured on ({@code iamgate bench}, JMH's {@code
 * EngineBenchmark}), with the expected decisions of an independent reference evaluator ({@link
 * io.iamgate.workload.ReferenceEvaluator}, which shares no code with the engine). It reproduces,
 * byte for byte, the Python generator the workload was first defined by ({@code gen_workload.py},
 * not part of this repository), including a port of CPython's {@code random} module ({@link
 * io.iamgate.workload.PythonRandom}); this package is now the workload's definition. Depends on
 * nothing but the JDK.
 */
@NullMarked
package io.iamgate.workload;

import org.jspecify.annotations.NullMarked;
