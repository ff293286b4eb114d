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
