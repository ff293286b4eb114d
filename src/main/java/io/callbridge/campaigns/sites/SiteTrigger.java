package io.callbridge.campaigns.sites;

/** When an external site is opened or called (OMniLeads' "disparador"). */
public enum SiteTrigger {

	/** The agent's "CRM" button on the console card (OML "Agente", 1). */
	BUTTON,
	/** On the console card once the call is connected (OML 2). */
	AUTOMATIC,
	/** Called by the server when the call is answered (OML 3). */
	SERVER,
	/** After a campaign disposition whose option triggers the CRM (OML 4). */
	DISPOSITION

}
