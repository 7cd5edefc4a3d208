"""Spanish."""

from .base import Language

LANGUAGES = (
    Language(
        tag="es",
        name="Spanish",
        sentences="es",
        stemmer="spanish",
        dateparser="es",
        # Third person, past and present: "dijo el alcalde", "según la policía".
        statement_verbs=tuple(
            "dijo dice dijeron afirmó afirma afirmaron declaró declara declararon aseguró asegura "
            "señaló señala explicó explica indicó indica anunció anuncia anunciaron añadió añade "
            "advirtió advierte sostuvo sostiene subrayó subraya destacó destaca reconoció "
            "reconoce insistió insiste informó informa confirmó confirma denunció denuncia "
            "precisó manifestó prometió pidió".split()
        ),
        attribution_words=("según", "de acuerdo con"),
        person_pronouns=("Él", "Ella"),
        number_words=tuple(
            "dos tres cuatro cinco seis siete ocho nueve diez once doce veinte treinta cuarenta "
            "cincuenta sesenta setenta ochenta noventa cien ciento cientos mil miles millón "
            "millones".split()
        ),
        months=tuple(
            "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre "
            "noviembre diciembre ene feb mar abr may jun jul ago sep sept oct nov dic".split()
        ),
        published_labels=("publicado", "publicada", "fecha de publicación"),
        updated_labels=("actualizado", "actualizada", "última actualización", "modificado"),
        date_words=("el", "de", "del", "a las", "hora", "horas"),
        date_joiners=("de",),
        weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
        weekday_markers=("el", "este", "el pasado", "pasado", "el último"),
        past_week_markers=("el pasado", "pasado", "el último"),
        future_words=(
            "próximo",
            "próxima",
            "está previsto",
            "están previstos",
            "se espera",
            "prevé",
            "tendrá lugar",
        ),
        stopwords=frozenset(
            "el la los las un una unos unas y e o u ni pero de del al a en con por para sin sobre "
            "entre que quien quienes cual cuales como cuando donde es son era eran fue fueron ser "
            "sido estar está están estaba ha han había haber se su sus lo le les me mi nos os te "
            "tu este esta estos estas ese esa esos esas eso esto también muy más menos ya no "
            "sí".split()
        ),
    ),
)
