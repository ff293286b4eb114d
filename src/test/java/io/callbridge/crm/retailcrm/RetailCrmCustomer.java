package io.callbridge.crm.retailcrm;

/**
 * A CRM customer as {@code telephony/manager?details=1} returns it (protocol notes A5).
 *
 * @param id the CRM customer id
 * @param firstName first name
 * @param lastName last name
 * @param phone the customer's phone as stored in the CRM
 */
public record RetailCrmCustomer(int id, String firstName, String lastName, String phone) {
}
