namespace Assemblee.Notifications.Domain;

/// <summary>The built-in wording (version 0) of each kind, in French and English, used until a body writes its own.</summary>
public static class DefaultTemplates
{
    private static readonly Dictionary<(string Kind, string Language), MessageTemplate> Templates = new[]
    {
        new MessageTemplate("invitation", Languages.French, 0,
            "Vous êtes invité·e à rejoindre l'{{ draw.title }}",
            """
            Madame, Monsieur {{ invitee.familyName }},

            Votre nom a été tiré au sort parmi les habitantes et habitants de Paris. La Maire de Paris vous invite à
            rejoindre l'{{ draw.title }} : cent Parisiennes et Parisiens qui travaillent ensemble pendant un an et
            présentent leurs propositions au Conseil de Paris.

            Participer ne demande aucune compétence particulière. Les séances sont indemnisées, et les frais de garde
            d'enfants sont pris en charge. Si vous avez moins de 18 ans, un parent ou tuteur donnera son accord : il sera
            accompagné à chaque étape.

            Pour répondre avant le {{ draw.responseDeadline }}, rendez-vous sur {{ response.url }} avec le code ci-dessous,
            ou scannez le QR code. Répondre ne vous engage pas : un second tirage au sort, parmi les personnes qui ont
            répondu, composera l'Assemblée.

            Questions fréquentes et ligne d'information : 3975 (appel gratuit), du lundi au vendredi de 9 h à 18 h.
            """),
        new MessageTemplate("invitation", Languages.English, 0,
            "You are invited to join the {{ draw.title }}",
            """
            Dear {{ invitee.givenName }} {{ invitee.familyName }},

            Your name was drawn by lot among the residents of Paris. The Mayor of Paris invites you to join the {{
            draw.title }}: one hundred Parisians who work together for a year and put their proposals to the Council of
            Paris.

            No particular skill is needed. Sessions are compensated and childcare costs are covered. If you are under 18, a
            parent or guardian gives their consent and is supported at every step.

            To answer before {{ draw.responseDeadline }}, go to {{ response.url }} with the code below, or scan the QR code.
            Answering commits you to nothing: a second draw among those who answered makes up the Assembly.

            Frequently asked questions and helpline: 3975 (free call), Monday to Friday, 9 am to 6 pm.
            """),
        new MessageTemplate("convocation", Languages.French, 0,
            "Convocation : {{ session.title }}, le {{ session.date }}",
            """
            Bonjour {{ member.givenName }},

            Vous êtes convoqué·e à la séance « {{ session.title }} » le {{ session.date }}, de {{ session.startTime }} à
            {{ session.endTime }}. Le fichier joint l'ajoute à votre agenda.

            Dites-nous si vous serez présent·e : {{ links.answer }}

            Vos préférences de messages : {{ links.preferences }}
            """),
        new MessageTemplate("convocation", Languages.English, 0,
            "Convocation: {{ session.title }}, on {{ session.date }}",
            """
            Hello {{ member.givenName }},

            You are invited to the session "{{ session.title }}" on {{ session.date }}, from {{ session.startTime }} to
            {{ session.endTime }}. The attached file adds it to your calendar.

            Tell us whether you will attend: {{ links.answer }}

            Your message preferences: {{ links.preferences }}
            """),
        new MessageTemplate("session-change", Languages.French, 0,
            "{% if change.kind == 'postponed' %}Reportée{% else %}Modifiée{% endif %} : {{ session.title }}",
            """
            Bonjour {{ member.givenName }},

            {% if change.kind == 'postponed' %}La séance « {{ session.title }} » est reportée à une date qui vous sera communiquée.
            {% else %}La séance « {{ session.title }} » a changé : elle a lieu le {{ session.date }}, de {{ session.startTime }} à
            {{ session.endTime }}. Le fichier joint met votre agenda à jour.{% endif %}{% if change.reason != blank %}
            Motif : {{ change.reason }}{% endif %}

            Dites-nous si vous serez présent·e : {{ links.answer }}

            Vos préférences de messages : {{ links.preferences }}
            """),
        new MessageTemplate("session-change", Languages.English, 0,
            "{% if change.kind == 'postponed' %}Postponed{% else %}Changed{% endif %}: {{ session.title }}",
            """
            Hello {{ member.givenName }},

            {% if change.kind == 'postponed' %}The session "{{ session.title }}" is postponed to a date you will be told.
            {% else %}The session "{{ session.title }}" has changed: it takes place on {{ session.date }}, from {{ session.startTime }}
            to {{ session.endTime }}. The attached file updates your calendar.{% endif %}{% if change.reason != blank %}
            Reason: {{ change.reason }}{% endif %}

            Tell us whether you will attend: {{ links.answer }}

            Your message preferences: {{ links.preferences }}
            """),
        new MessageTemplate("session-cancellation", Languages.French, 0,
            "Annulée : {{ session.title }}, le {{ session.date }}",
            """
            Bonjour {{ member.givenName }},

            La séance « {{ session.title }} » du {{ session.date }} est annulée. Motif : {{ change.reason }}
            Le fichier joint la retire de votre agenda.

            Vos préférences de messages : {{ links.preferences }}
            """),
        new MessageTemplate("session-cancellation", Languages.English, 0,
            "Cancelled: {{ session.title }}, on {{ session.date }}",
            """
            Hello {{ member.givenName }},

            The session "{{ session.title }}" on {{ session.date }} is cancelled. Reason: {{ change.reason }}
            The attached file removes it from your calendar.

            Your message preferences: {{ links.preferences }}
            """),
        new MessageTemplate("session-reminder", Languages.French, 0,
            "Rappel : {{ session.title }}, le {{ session.date }} à {{ session.startTime }}",
            """
            Bonjour {{ member.givenName }},

            La séance « {{ session.title }} » a lieu le {{ session.date }}, de {{ session.startTime }} à {{ session.endTime }}.
            Le fichier joint l'ajoute à votre agenda si ce n'est pas déjà fait.

            Un empêchement ? Dites-le-nous : {{ links.answer }}

            Vos préférences de messages : {{ links.preferences }}
            """),
        new MessageTemplate("session-reminder", Languages.English, 0,
            "Reminder: {{ session.title }}, on {{ session.date }} at {{ session.startTime }}",
            """
            Hello {{ member.givenName }},

            The session "{{ session.title }}" takes place on {{ session.date }}, from {{ session.startTime }} to
            {{ session.endTime }}. The attached file adds it to your calendar if it is not there yet.

            Unable to come? Let us know: {{ links.answer }}

            Your message preferences: {{ links.preferences }}
            """),
        new MessageTemplate("vote-opened", Languages.French, 0,
            "Vote ouvert : {{ vote.question }}",
            """
            Bonjour {{ member.givenName }},

            Pendant la séance « {{ session.title }} », un vote est ouvert : {{ vote.question }}
            Choix : {{ vote.options }}. Les membres présents votent jusqu'à sa clôture : {{ links.vote }}

            Vos préférences de messages : {{ links.preferences }}
            """),
        new MessageTemplate("vote-opened", Languages.English, 0,
            "Vote open: {{ vote.question }}",
            """
            Hello {{ member.givenName }},

            During the session "{{ session.title }}", a vote is open: {{ vote.question }}
            Options: {{ vote.options }}. Members present vote until it closes: {{ links.vote }}

            Your message preferences: {{ links.preferences }}
            """),
        new MessageTemplate("vote-result", Languages.French, 0,
            "Résultat du vote : {{ vote.question }}",
            """
            Bonjour {{ member.givenName }},

            Le vote de la séance « {{ session.title }} » est clos : {{ vote.question }}
            {% case vote.decision %}{% when 'adopted' %}La proposition est adoptée.{% when 'rejected' %}La proposition est rejetée.{%
            when 'chosen' %}Le choix retenu : {{ vote.winner }}.{% when 'no-quorum' %}Le quorum n'était pas atteint : le vote ne
            décide rien.{% else %}Aucun choix n'a obtenu la majorité requise.{% endcase %}
            Suffrages : {{ vote.totals }} ({{ vote.cast }} votants).

            Le détail : {{ links.vote }}

            Vos préférences de messages : {{ links.preferences }}
            """),
        new MessageTemplate("vote-result", Languages.English, 0,
            "Vote result: {{ vote.question }}",
            """
            Hello {{ member.givenName }},

            The vote of the session "{{ session.title }}" is closed: {{ vote.question }}
            {% case vote.decision %}{% when 'adopted' %}The proposal is adopted.{% when 'rejected' %}The proposal is rejected.{%
            when 'chosen' %}The option chosen: {{ vote.winner }}.{% when 'no-quorum' %}There was no quorum: the vote decides
            nothing.{% else %}No option won the required majority.{% endcase %}
            Votes: {{ vote.totals }} ({{ vote.cast }} voters).

            The details: {{ links.vote }}

            Your message preferences: {{ links.preferences }}
            """),
        new MessageTemplate("drawn-letter", Languages.French, 0,
            "Vous êtes tiré·e au sort pour siéger : {{ promotion.title }}",
            """
            Madame, Monsieur {{ member.familyName }},

            {% if member.substitute %}Un siège s'est libéré dans « {{ promotion.title }} » : comme suppléant·e, vous
            êtes appelé·e à l'occuper.{% else %}Le tirage au sort final parmi les personnes qui ont répondu à l'invitation de la
            Maire de Paris vous a désigné·e : vous êtes membre de « {{ promotion.title }} ».{% endif %}

            Confirmez votre siège avant le {{ confirmation.deadline }} dans votre espace de membre : {{ links.space }}{% if
            member.minor %}. Comme vous avez moins de 18 ans, votre parent ou tuteur reçoit de son côté une lettre pour
            donner son accord.{% endif %}

            Si vous ne pouvez pas siéger, dites-le nous dans le même espace ou au 3975 : votre siège ira à une autre
            personne tirée au sort.

            Questions : 3975 (appel gratuit), du lundi au vendredi de 9 h à 18 h.
            """),
        new MessageTemplate("drawn-letter", Languages.English, 0,
            "You are drawn to sit on {{ promotion.title }}",
            """
            Dear {{ member.givenName }} {{ member.familyName }},

            {% if member.substitute %}A seat on {{ promotion.title }} is free: as a substitute, you are called to take
            it.{% else %}The final draw among those who answered the Mayor of Paris's invitation chose you: you are a member
            of {{ promotion.title }}.{% endif %}

            Confirm your seat before {{ confirmation.deadline }} in your members' space: {{ links.space }}{% if member.minor
            %}. As you are under 18, your parent or guardian receives a letter of their own to give their consent.{% endif %}

            If you cannot sit, tell us there or on 3975: your seat will go to another person drawn by lot.

            Questions: 3975 (free call), Monday to Friday, 9 am to 6 pm.
            """),
        new MessageTemplate("drawn", Languages.French, 0,
            "Vous êtes tiré·e au sort : confirmez votre siège avant le {{ confirmation.deadline }}",
            """
            Bonjour {{ member.givenName }},

            {% if member.substitute %}Un siège s'est libéré dans « {{ promotion.title }} » : comme suppléant·e, vous
            êtes appelé·e à l'occuper.{% else %}Vous êtes tiré·e au sort pour siéger dans
            « {{ promotion.title }} ».{% endif %} Une lettre officielle vous parvient aussi par la poste.

            Confirmez votre siège avant le {{ confirmation.deadline }} : {{ links.space }}{% if member.minor %}
            Votre parent ou tuteur reçoit une lettre pour donner son accord.{% endif %}

            Vos préférences de messages : {{ links.preferences }}
            """),
        new MessageTemplate("drawn", Languages.English, 0,
            "You are drawn: confirm your seat before {{ confirmation.deadline }}",
            """
            Hello {{ member.givenName }},

            {% if member.substitute %}A seat on {{ promotion.title }} is free: as a substitute, you are called to take
            it.{% else %}You are drawn to sit on {{ promotion.title }}.{% endif %} An official letter reaches you by post
            too.

            Confirm your seat before {{ confirmation.deadline }}: {{ links.space }}{% if member.minor %}
            Your parent or guardian receives a letter to give their consent.{% endif %}

            Your message preferences: {{ links.preferences }}
            """),
        new MessageTemplate("consent-request", Languages.French, 0,
            "{{ member.givenName }} est tiré·e au sort : votre accord est demandé",
            """
            Madame, Monsieur,

            {{ member.givenName }} {{ member.familyName }} a été tiré·e au sort pour siéger dans « {{ promotion.title }} ».
            Bienvenue : l'Assemblée est heureuse d'accueillir de jeunes Parisiennes et Parisiens, et vous accompagne à chaque
            étape.

            Comme {{ member.givenName }} a moins de 18 ans, son siège demande l'accord d'un parent ou d'un représentant
            légal. Donnez-le avant le {{ confirmation.deadline }} : écrivez-nous (lettre signée ou e-mail) en indiquant
            votre nom et votre lien avec {{ member.givenName }}, ou venez au secrétariat de l'Assemblée avec une pièce
            d'identité. Les séances ont lieu en dehors du temps
            scolaire ; elles sont indemnisées, et les déplacements et frais de garde sont pris en charge.

            Une réunion d'accueil des parents a lieu avant la première séance ; le secrétariat vous y invitera.

            Questions : 3975 (appel gratuit), du lundi au vendredi de 9 h à 18 h.
            """),
        new MessageTemplate("consent-request", Languages.English, 0,
            "{{ member.givenName }} is drawn: your consent is asked for",
            """
            Dear parent or guardian,

            {{ member.givenName }} {{ member.familyName }} was drawn by lot to sit on {{ promotion.title }}. Welcome:
            the Assembly is glad to include young Parisians, and supports you at every step.

            As {{ member.givenName }} is under 18, the seat needs the consent of a parent or legal guardian. Give it before
            {{ confirmation.deadline }}: write to us (a signed letter or an e-mail) giving your name and how you are related to
            {{ member.givenName }}, or come to the Assembly's secretariat with an identity document. Sessions take place
            outside school hours; they are compensated, and travel and childcare costs are covered.

            A welcome meeting for parents takes place before the first session; the secretariat will invite you.

            Questions: 3975 (free call), Monday to Friday, 9 am to 6 pm.
            """),
        new MessageTemplate("document-published", Languages.French, 0,
            "Texte publié : {{ document.title }}",
            """
            Bonjour {{ member.givenName }},

            Le texte « {{ document.title }} » est publié. Chacun peut désormais le lire à cette adresse, qui ne changera
            pas : {{ links.document }}

            Vos préférences de messages : {{ links.preferences }}
            """),
        new MessageTemplate("document-published", Languages.English, 0,
            "Text published: {{ document.title }}",
            """
            Hello {{ member.givenName }},

            The text "{{ document.title }}" is published. Anyone may now read it at this address, which will not change:
            {{ links.document }}

            Your message preferences: {{ links.preferences }}
            """),
        new MessageTemplate("amendment-proposed", Languages.French, 0,
            "Amendement n° {{ amendment.number }} à relire : {{ document.title }}",
            """
            Bonjour {{ member.givenName }},

            Un amendement (n° {{ amendment.number }}) est proposé à la partie {{ amendment.section }} du texte
            « {{ document.title }} ». Vous pouvez le lire, avec la différence qu'il apporte, et en discuter avant la décision :
            {{ links.document }}

            Vos préférences de messages : {{ links.preferences }}
            """),
        new MessageTemplate("amendment-proposed", Languages.English, 0,
            "Amendment no. {{ amendment.number }} to review: {{ document.title }}",
            """
            Hello {{ member.givenName }},

            An amendment (no. {{ amendment.number }}) is proposed to part {{ amendment.section }} of the text
            "{{ document.title }}". You may read it, with the change it makes, and discuss it before the decision:
            {{ links.document }}

            Your message preferences: {{ links.preferences }}
            """),
        new MessageTemplate("agenda-alert", Languages.French, 0,
            "Veille : {{ item.reference }} {% if item.added %}inscrit à l'ordre du jour{% else %}modifié{% endif %}",
            """
            Bonjour,

            Un point de l'ordre du jour du Conseil de Paris que {{ body.name }} suit {% if item.added %}vient d'y être
            inscrit{% else %}a changé ({{ item.changes }}){% endif %} :
            {{ item.reference }} — {{ item.title }}
            {{ item.meeting }}, le {{ item.date }}.

            Le point, ses pièces et les notes de votre instance : {{ links.item }}

            Ne plus recevoir ces alertes par e-mail : {{ links.unsubscribe }}
            """),
        new MessageTemplate("agenda-alert", Languages.English, 0,
            "Watch: {{ item.reference }} {% if item.added %}on the agenda{% else %}changed{% endif %}",
            """
            Hello,

            An item of the Council of Paris agenda that {{ body.name }} follows {% if item.added %}has just been put on
            it{% else %}changed ({{ item.changes }}){% endif %}:
            {{ item.reference }} — {{ item.title }}
            {{ item.meeting }}, on {{ item.date }}.

            The item, its papers and your body's notes: {{ links.item }}

            Stop these alerts by e-mail: {{ links.unsubscribe }}
            """),
        new MessageTemplate("question-answered", Languages.French, 0,
            "Réponse à votre question : {{ question.title }}",
            """
            Bonjour,

            La question « {{ question.title }} », posée ou cosignée par {{ body.name }}, a reçu une réponse de
            {{ question.answeredAs }}{% unless question.inTime %}, après le délai prévu{% endunless %}.

            La réponse, et la suite à lui donner (satisfaite ou relance) : {{ links.question }}

            Ne plus recevoir ces messages par e-mail : {{ links.unsubscribe }}
            """),
        new MessageTemplate("question-answered", Languages.English, 0,
            "Answer to your question: {{ question.title }}",
            """
            Hello,

            The question "{{ question.title }}", asked or co-signed by {{ body.name }}, was answered by
            {{ question.answeredAs }}{% unless question.inTime %}, after the time allowed{% endunless %}.

            The answer, and what to make of it (satisfied, or a follow-up request): {{ links.question }}

            Stop these messages by e-mail: {{ links.unsubscribe }}
            """),
        new MessageTemplate("referral-answered", Languages.French, 0,
            "Réponse des garants à votre saisine : {{ question.title }}",
            """
            Bonjour,

            Les garants ont répondu à la saisine « {{ question.title }} » de {{ body.name }}.

            Leur réponse : {{ links.question }}

            Ne plus recevoir ces messages par e-mail : {{ links.unsubscribe }}
            """),
        new MessageTemplate("referral-answered", Languages.English, 0,
            "The guarantors answered your referral: {{ question.title }}",
            """
            Hello,

            The guarantors answered the referral "{{ question.title }}" of {{ body.name }}.

            Their answer: {{ links.question }}

            Stop these messages by e-mail: {{ links.unsubscribe }}
            """),
        new MessageTemplate("question-submitted", Languages.French, 0,
            "Question de {{ body.name }} : {{ question.title }}",
            """
            Bonjour,

            {{ body.name }} vous adresse la question « {{ question.title }} », déposée dans l'espace Veille et
            Interpellation.{% if question.answerDue != "" %} La réponse est attendue au plus tard le {{ question.answerDue }}.{% endif %}

            La question, ses cosignataires et les suites à lui donner : {{ links.question }}

            Ne plus recevoir ces messages par e-mail : {{ links.unsubscribe }}
            """),
        new MessageTemplate("question-submitted", Languages.English, 0,
            "Question from {{ body.name }}: {{ question.title }}",
            """
            Hello,

            {{ body.name }} submitted the question "{{ question.title }}" to you in the Veille et Interpellation
            space.{% if question.answerDue != "" %} The answer is due by {{ question.answerDue }}.{% endif %}

            The question, its co-signers and what to do next: {{ links.question }}

            Stop these messages by e-mail: {{ links.unsubscribe }}
            """),
        new MessageTemplate("document-submitted", Languages.French, 0,
            "{{ body.name }} soumet au Conseil de Paris : {{ document.title }}",
            """
            Bonjour,

            {{ body.name }} soumet le texte « {{ document.title }} » au Conseil de Paris du {{ council.session }},
            sous la référence {{ council.reference }}.

            Le texte : {{ links.document }}

            Ne plus recevoir ces messages par e-mail : {{ links.unsubscribe }}
            """),
        new MessageTemplate("document-submitted", Languages.English, 0,
            "{{ body.name }} submits to the Council of Paris: {{ document.title }}",
            """
            Hello,

            {{ body.name }} submits the text "{{ document.title }}" to the Council of Paris of {{ council.session }},
            under the reference {{ council.reference }}.

            The text: {{ links.document }}

            Stop these messages by e-mail: {{ links.unsubscribe }}
            """),
        new MessageTemplate("welcome", Languages.French, 0,
            "Bienvenue à l'Assemblée citoyenne, {{ member.givenName }}",
            """
            Bonjour {{ member.givenName }},

            Votre siège est confirmé : bienvenue parmi les membres de l'Assemblée citoyenne de Paris.{% if member.minor %}
            Merci à votre parent ou tuteur pour son accord.{% endif %}

            Votre espace de membre réunit vos convocations, votre atelier, les documents en cours et les votes : {{ links.space }}
            Vous y choisissez aussi comment recevoir nos messages (e-mail, SMS, langue, heures de silence) : {{ links.preferences }}

            Questions : 3975 (appel gratuit), du lundi au vendredi de 9 h à 18 h.
            """),
        new MessageTemplate("welcome", Languages.English, 0,
            "Welcome to the Citizens' Assembly, {{ member.givenName }}",
            """
            Hello {{ member.givenName }},

            Your seat is confirmed: welcome among the members of the Paris Citizens' Assembly.{% if member.minor %}
            Thank you to your parent or guardian for their consent.{% endif %}

            Your members' space holds your convocations, your atelier, the documents in progress and the votes: {{ links.space }}
            There you also choose how our messages reach you (e-mail, SMS, language, quiet hours): {{ links.preferences }}

            Questions: 3975 (free call), Monday to Friday, 9 am to 6 pm.
            """),
    }.ToDictionary(template => (template.Kind, template.Language));

    public static MessageTemplate For(string kind, string language) =>
        Templates.TryGetValue((kind, language), out var template) ? template : Templates[(kind, Languages.French)];
}
