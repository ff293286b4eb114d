package io.callbridge.archfixture.crm.two;

/** A CRM connector that is fine on its own. */
public class TwoConnector {

}
