/**
 * The immutable model of an IAM policy document: documents, statements, action and resource
 * clauses, conditions and their operators, plus the typed value syntaxes (numbers, dates, IP
 * addresses, ARNs) that the language defines. Depends on nothing but the JDK.
 */
@NullMarked
package io.iamgate.policy;

import org.jspecify.annotations.NullMarked;
