package io.callbridge.campaigns;

/**
 * How an agent works a campaign's call (OMniLeads' "tipo de interacción"): Callbridge's
 * disposition form, the CRM's page ("URL externa", an external site), or both.
 */
public enum Interaction {

	/** The disposition form of the console. */
	FORM,
	/** The external site only. */
	SITE,
	/** The disposition form and the external site. */
	FORM_SITE;

	/** Whether this interaction uses an external site. */
	public boolean usesSite() {
		return this != FORM;
	}

}
