package io.callbridge.archfixture.crm.two;

import io.callbridge.archfixture.crm.CrmPort;

/** A CRM connector that is fine on its own. */
public class TwoConnector implements CrmPort {

}
