/**
 * Contacts of the built-in CRM, their phone numbers stored in E.164 whatever the input
 * format, lookup of every contact that has a number, CSV import/export, and contact
 * databases (contacts uploaded together with their columns and an external ID unique
 * within each database).
 */
@NullMarked
package io.callbridge.contacts;

import org.jspecify.annotations.NullMarked;
