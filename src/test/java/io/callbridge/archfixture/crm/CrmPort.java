package io.callbridge.archfixture.crm;

/** The made-up CRM-connector port, in the CRM core's root package. */
public interface CrmPort {

}
