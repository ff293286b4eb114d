package io.callbridge.archfixture.crm.core;

import io.callbridge.archfixture.crm.two.TwoConnector;

/**
 * The CRM core's own sub-package: not a connector, and it uses a connector directly
 * instead of the port (not allowed).
 */
public class CrmCoreService {

	private final TwoConnector connector = new TwoConnector();

	@Override
	public String toString() {
		return this.connector.toString();
	}

}
