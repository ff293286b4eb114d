/**
 * Contacts of the built-in CRM, their phone numbers stored in E.164 whatever the input
 * format, lookup of every contact that has a number, and CSV import/export.
 */
@NullMarked
package io.callbridge.contacts;

import org.jspecify.annotations.NullMarked;
