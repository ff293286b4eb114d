/**
 * Built-in CRM records beyond contacts (VCC's local CRM objects): cases of a customer,
 * their follow-ups (created and deleted, never edited), tasks (optionally about a
 * contact, a case or a call), and the change feed through which a company's scripts catch
 * up with every change of customers, cases, follow-ups and tasks.
 */
@NullMarked
package io.callbridge.records;

import org.jspecify.annotations.NullMarked;
