package io.callbridge.archfixture.crm.one;

import io.callbridge.archfixture.crm.two.TwoConnector;

/** A CRM connector that uses another connector (not allowed). */
public class OneConnector {

	private final TwoConnector other = new TwoConnector();

	@Override
	public String toString() {
		return this.other.toString();
	}

}
