/**
 * A made-up application that breaks every provider and connector rule, so
 * {@link io.callbridge.ProviderModulesTests} can show its rules fail.
 */
package io.callbridge.archfixture;
