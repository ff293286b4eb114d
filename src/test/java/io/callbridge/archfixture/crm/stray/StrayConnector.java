package io.callbridge.archfixture.crm.stray;

import io.callbridge.archfixture.crm.CrmPort;

/** A connector nobody declared (not allowed: it would escape the connector rules). */
public class StrayConnector implements CrmPort {

}
