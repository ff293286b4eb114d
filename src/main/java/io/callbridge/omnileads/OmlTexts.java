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
