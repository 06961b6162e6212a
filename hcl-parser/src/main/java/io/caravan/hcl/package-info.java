/** HCL2 native syntax: lexer, parser, typed values and the expression evaluator. */
package io.caravan.hcl;
