package io.callbridge.omnileads;

/**
 * The strings OMniLeads puts on the wire, verbatim: its Spanish source text and its own
 * English translation (from Django REST framework's and OMniLeads' message catalogues,
 * typos included, since a CRM may compare them). They are protocol constants, not
 * Callbridge's wording, so they live here and not in the message bundles. Strings that
 * OMniLeads never translates are plain constants where they are used.
 */
enum OmlTexts {

	/** A required field is missing (Django, DRF). */
	REQUIRED("Este campo es obligatorio.", "This field is required."),
	/** A required text field is empty (DRF). */
	BLANK("Este campo no puede estar en blanco.", "This field may not be blank."),
	/** No credentials at all (DRF). */
	NOT_AUTHENTICATED("Las credenciales de autenticación no se proveyeron.",
			"Authentication credentials were not provided."),
	/** {@code Authorization: Bearer} without a key (DRF). */
	TOKEN_HEADER_EMPTY("Cabecera token inválida. Las credenciales no fueron suministradas.",
			"Invalid token header. No credentials provided."),
	/** {@code Authorization: Bearer} with more than one word after it (DRF). */
	TOKEN_HEADER_SPACES("Cabecera token inválida. La cadena del token no debe contener espacios.",
			"Invalid token header. Token string should not contain spaces."),
	/**
	 * A text field holding U+0000 (Django's ProhibitNullCharactersValidator, which DRF's
	 * text fields run; the Spanish is ours, Django's catalogue was not at hand).
	 */
	NULL_CHARACTERS("No se permiten caracteres nulos.", "Null characters are not allowed."),
	/**
	 * A text field holding half of a surrogate pair; {0} its code (DRF's
	 * ProhibitSurrogateCharactersValidator; the Spanish is ours).
	 */
	SURROGATE_CHARACTERS("No se permiten caracteres sustitutos: U+{0}.",
			"Surrogate characters are not allowed: U+{0}."),
	/** A required field is {@code null} (DRF). */
	NULL("Este campo no puede ser nulo.", "This field may not be null."),
	/** The user's role may not do this (DRF). */
	PERMISSION_DENIED("Usted no tiene permiso para realizar esta acción.",
			"You do not have permission to perform this action."),
	/** Unknown object or path (DRF). */
	NOT_FOUND("No encontrado.", "Not found."),
	/** Wrong method; {0} is the method (DRF). */
	METHOD_NOT_ALLOWED("Método \"{0}\" no permitido.", "Method \"{0}\" not allowed."),
	/** A body type the view does not read; {0} is the type (DRF). */
	UNSUPPORTED_MEDIA_TYPE("Tipo de medio \"{0}\" incompatible en la solicitud.",
			"Unsupported media type \"{0}\" in request."),
	/** Over a text field's length; {0} the limit, {1} the length (Django). */
	MAX_LENGTH("Asegúrese de que este valor tenga a lo sumo {0} caracteres (tiene {1}).",
			"Ensure this value has at most {0} characters (it has {1})."),
	/** An id that names nothing the field may take (Django's ModelChoiceField). */
	INVALID_CHOICE("Escoja una opción válida. Esa opción no está entre las disponibles.",
			"Select a valid choice. That choice is not one of the available choices."),
	/** The message of a refused OMniLeads form. */
	DATA_ERRORS("Hubo errores en los datos recibidos", "There were errors on received data"),
	/** makeCall: the agent is not assigned to the campaign. */
	AGENT_NOT_IN_CAMPAIGN("El agente no participa en la campaña.", "The agent is not related to campaign"),
	/** makeCall: the contact is not in the campaign's database. */
	CONTACT_NOT_IN_CAMPAIGN("El contacto no corresponde a la campaña.", "The contact is not related to campaign."),
	/** An unknown external system (OMniLeads' English typo kept). */
	UNKNOWN_SYSTEM("Sistema externo inexistente.", "Unkown external system"),
	/** makeCall: the external agent id is not in the external system. */
	AGENT_NOT_IN_SYSTEM("El agente no corresponde al sistema externo.", "The agent is not related to external system."),
	/** makeCall (Callbridge only): an agent may only place their own calls. */
	AGENT_NOT_CALLER("El agente no corresponde al usuario autenticado.", "The agent is not the authenticated user."),
	/** makeCall: the provider did not place the call. */
	CALL_FAILED("Error al ejecutar la llamada", "Error when executing the call"),
	/** database_metadata, new_contact: no usable campaign id. */
	CAMPAIGN_ID_INVALID("Debe indicar un idCampaign válido.", "You must provide a valid idCampaign"),
	/** database_metadata, new_contact: no such active campaign. */
	CAMPAIGN_UNKNOWN("Campaña inexistente.", "Campaign not found"),
	/** database_metadata, new_contact: the caller may not edit the campaign. */
	CAMPAIGN_NOT_EDITABLE("No tiene permiso para editar la campaña.", "You don't have permission to edit the campaign"),
	/** A list was expected; {0} is the type received (DRF). */
	NOT_A_LIST("Se esperaba una lista de elementos en vez del tipo \"{0}\".",
			"Expected a list of items but got type \"{0}\"."),
	/** External systems listed. */
	SYSTEMS_FETCHED("Se obtuvieron los sistemas externos de forma exitosa", "External systems fetched successfully"),
	/** An external system's detail (OMniLeads' English has the trailing space). */
	SYSTEM_FETCHED("Se obtuvo la informacion del sistema externo de forma exitosa",
			"External system information fetched successfully "),
	/** An external system created. */
	SYSTEM_CREATED("Se creo el sistema externo de forma exitosa", "External system created successfully"),
	/** An external system updated. */
	SYSTEM_UPDATED("Se actualizo el sistema externo de forma exitosa", "External system updated successfully"),
	/** The detail of an unknown external system. */
	SYSTEM_MISSING_FOR_DETAIL("No existe el sistema externo para obtener el detalle", "External system does not exist"),
	/** The update of an unknown external system. */
	SYSTEM_MISSING_FOR_UPDATE("No existe el sistema externo que se quiere actualizar",
			"External system does not exist"),
	/** The message of a refused contact database request. */
	DATA_ERROR("Error en los datos", "There were errors on the data"),
	/** A contact database created. */
	DATABASE_CREATED("Se creo la BD de Contactos de forma exitosa", "Contact DB created successfully"),
	/** A contact database's name is taken. */
	DATABASE_NAME_TAKEN("Ya existe una base de datos de contactos con ese nombre",
			"A contact database with that name already exists"),
	/** Column names must be a list. */
	LIST_REQUIRED("Debe ingresar una lista", "You must insert a list"),
	/** A list of column names is empty. */
	FIELD_LIST_EMPTY("Debe ingresar al menos un campo", "You must insert at least one field"),
	/** A column name given twice. */
	FIELDS_REPEATED("Los nombres de los campos no pueden estar repetidos", "Field names can not be repeated"),
	/** A contact without its main phone. */
	FIELD_REQUIRED_LOWER("campo requerido", "required field"),
	/** An unknown contact database (OMniLeads' English typo kept). */
	UNKNOWN_DATABASE("Base de datos inexistente", "Unkown database"),
	/** Contacts added. */
	CONTACTS_CREATED("Se crearon los contactos de forma exitosa", "Contacts created successfully"),
	/** Contacts listed. */
	CONTACTS_FETCHED("Se obtuvieron los contactos de forma exitosa", "Contacts fetched successfully"),
	/** supervision/campaigns: a type filter OMniLeads does not know. */
	TYPE_FILTER_INVALID("Filtro \"type\" inválido", "Invalid \"type\" filter"),
	/** supervision/campaigns: a status filter OMniLeads does not know. */
	STATUS_FILTER_INVALID("Filtro \"status\" inválido", "Invalid \"status\" filter"),
	/** supervision/campaigns: an agent filter that is no id. */
	AGENT_FILTER_INVALID("Filtro \"agent\" inválido", "Invalid \"agent\" filter"),
	/** supervision/campaigns: an unknown agent. */
	AGENT_UNKNOWN("Agente inexistente", "Agent not found"),
	/** A campaign's agents: no such campaign. */
	CAMPAIGN_MISSING("No existe la campaña", "Campaign does not exist"),
	/** agents_update: no such campaign. */
	CAMPAIGN_MISSING_FOR_AGENTS("No existe la campaña, no se pueden agregar agentes",
			"Campaign does not exist, can't add agents"),
	/** agents_update: no such agent. */
	AGENT_MISSING_FOR_QUEUE("No existe el agente, no se puede crear la member queue",
			"Agent does not exist, can't create member queue"),
	/** agents_update: done. */
	AGENTS_ADDED("Se agregaron los agentes de forma exitosa a la campaña", "Agents to campaign added successfully"),
	/** new_contact: keys that are no column. */
	INCORRECT_FIELDS("Se recibieron campos incorrectos", "Incorrect fields were received"),
	/** new_contact: the main phone is missing. */
	FIELD_IS_REQUIRED("El campo es obligatorio", "The field is required"),
	/** new_contact: added. */
	CONTACT_ADDED("Contacto agregado", "Contact added"),
	/**
	 * new_contact: the phone is in the database already (campaign avoiding duplicates).
	 */
	PHONE_TAKEN("Ya existe un contacto con el mismo teléfono.", "A contact with that phone number already exists."),
	/** new_contact: the external id is in the database already. */
	EXTERNAL_ID_TAKEN("Ya existe un contacto con ese id externo en la base de datos",
			"A contact with that external id already exists on database"),
	/** The answer of the agent listing of external systems. */
	AGENTS_FETCHED("Se obtuvieron los agentes de forma exitosa", "Agents fetched successfully");

	private final String spanish;

	private final String english;

	OmlTexts(String spanish, String english) {
		this.spanish = spanish;
		this.english = english;
	}

	/**
	 * The text in the reader's language, with {@code {0}}, {@code {1}}… replaced by the
	 * arguments (no MessageFormat: OMniLeads' texts have apostrophes).
	 */
	String in(OmlLanguage language, Object... arguments) {
		String text = (language == OmlLanguage.EN) ? this.english : this.spanish;
		for (int i = 0; i < arguments.length; i++) {
			text = text.replace("{" + i + "}", String.valueOf(arguments[i]));
		}
		return text;
	}

}
