package org.sunshine.system;

/** A request value that fails a module's own rules; answered as a 400 problem detail naming the field. */
public class InvalidFieldException extends RuntimeException {

	private final String field;

	public InvalidFieldException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
