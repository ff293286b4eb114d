package io.callbridge.archfixture.crm.one;

import io.callbridge.archfixture.crm.CrmPort;
import io.callbridge.archfixture.crm.core.CrmCoreService;
import io.callbridge.archfixture.crm.two.TwoConnector;

/**
 * A CRM connector that uses another connector and the CRM core's sub-package beyond the
 * port (neither allowed).
 */
public class OneConnector implements CrmPort {

	private final TwoConnector other = new TwoConnector();

	private final CrmCoreService core = new CrmCoreService();

	@Override
	public String toString() {
		return this.other.toString() + this.core;
	}

}
