/**
 * Flyway migrations written in Java, for changes SQL cannot make the same way on every
 * supported database; found by Flyway in the {@code db/migration/common} location like
 * the SQL ones.
 */
package db.migration.common;
