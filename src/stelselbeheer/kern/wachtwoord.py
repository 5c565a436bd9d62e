"""Password rules with Dutch messages where Django's own catalogue has none.

Django 5.2 changed the message of ``MinimumLengthValidator`` to a ``%d`` placeholder, and its Dutch catalogue still
translates the old ``%(min_length)d`` text, so the rule's error reached people in English ("This password is too
short…") on the password pages. The other validators are translated by Django."""

from django.contrib.auth.password_validation import MinimumLengthValidator


class MinimumLengte(MinimumLengthValidator):
    def get_error_message(self):
        return f"Dit wachtwoord is te kort: gebruik minstens {self.min_length} tekens."

    def get_help_text(self):
        return f"Uw wachtwoord moet minstens {self.min_length} tekens bevatten."
