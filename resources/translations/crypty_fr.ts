<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>ActivityView</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Show the activity of</source>
        <translation>Afficher l&apos;activité de</translation>
    </message>
    <message>
        <source>All bots and the app</source>
        <translation>Tous les bots et l&apos;application</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Afficher&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>&amp;Niveau&#xa0;:</translation>
    </message>
    <message>
        <source>Activity of the bots and the app</source>
        <translation>Activité des bots et de l&apos;application</translation>
    </message>
    <message>
        <source>Bot started.</source>
        <translation>Bot démarré.</translation>
    </message>
    <message>
        <source>Bot stopped.</source>
        <translation>Bot arrêté.</translation>
    </message>
    <message>
        <source>The past activity could not be read: %1</source>
        <translation>L&apos;activité passée n&apos;a pas pu être lue&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>BusyRow</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Binance</source>
        <translation>Binance</translation>
    </message>
    <message>
        <source>Binance testnet</source>
        <translation>Binance testnet</translation>
    </message>
    <message>
        <source>Simulated (offline demo)</source>
        <translation>Simulée (démo hors ligne)</translation>
    </message>
    <message>
        <source>Read balances and market data</source>
        <translation>Lire les soldes et les données de marché</translation>
    </message>
    <message>
        <source>Spot trading</source>
        <translation>Trading au comptant (spot)</translation>
    </message>
    <message>
        <source>Withdrawals (could not be checked on this platform)</source>
        <translation>Retraits (impossible à vérifier sur cette plateforme)</translation>
    </message>
    <message>
        <source>Withdrawals</source>
        <translation>Retraits</translation>
    </message>
    <message>
        <source>Restricted to trusted IP addresses (could not be checked)</source>
        <translation>Limitée à des adresses IP de confiance (impossible à vérifier)</translation>
    </message>
    <message>
        <source>Restricted to trusted IP addresses</source>
        <translation>Limitée à des adresses IP de confiance</translation>
    </message>
    <message>
        <source>Refused: withdrawals enabled</source>
        <translation>Refusée&#xa0;: retraits activés</translation>
    </message>
    <message>
        <source>Ghost bots</source>
        <translation>Bots Ghost</translation>
    </message>
    <message>
        <source>Trader bots</source>
        <translation>Bots Trader</translation>
    </message>
    <message>
        <source>Ghost + Trader bots</source>
        <translation>Bots Ghost + Trader</translation>
    </message>
    <message>
        <source>No bots (cannot read)</source>
        <translation>Aucun bot (lecture impossible)</translation>
    </message>
    <message>
        <source> (partial check)</source>
        <translation> (vérification partielle)</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>Something went wrong inside Crypty Desktop. Running bots keep their saved state; you can go on, or restart the app if something looks wrong.</source>
        <translation>Un problème est survenu dans Crypty Desktop. Les bots en marche gardent leur état enregistré&#xa0;; vous pouvez continuer, ou redémarrer l&apos;application si quelque chose vous paraît anormal.</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Code %1</source>
        <translation>Code %1</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Nothing was changed. If it happens again, restart the app and send the log file to support.</source>
        <translation>Un problème inattendu est survenu. Rien n&apos;a été modifié. Si cela se reproduit, redémarrez l&apos;application et envoyez le fichier journal à l&apos;assistance.</translation>
    </message>
    <message>
        <source>Refused: this key is not saved and no bot can use it.</source>
        <translation>Refusée&#xa0;: cette clé n&apos;est pas enregistrée et aucun bot ne peut l&apos;utiliser.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Ghost bots (paper trading): %1</source>
        <translation>Bots Ghost (trading fictif)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Trader bots (real orders): %1</source>
        <translation>Bots Trader (ordres réels)&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>HelpPane</name>
    <message>
        <source>Help</source>
        <extracomment>Topics that ask the user for this computer&apos;s public IP: the panel is shown under them.</extracomment>
        <translation>Aide</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Go back to the previous topic</source>
        <translation>Revenir à la rubrique précédente</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>Go to the start of the guide</source>
        <translation>Aller au début du guide</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Sommaire</translation>
    </message>
    <message>
        <source>Show or hide the contents</source>
        <translation>Afficher ou masquer le sommaire</translation>
    </message>
    <message>
        <source>Language of the guide</source>
        <translation>Langue du guide</translation>
    </message>
    <message>
        <source>Help contents</source>
        <translation>Sommaire de l&apos;aide</translation>
    </message>
</context>
<context>
    <name>KeyPairPanel</name>
    <message>
        <source>1. Click Copy.
2. On Binance, open API Management → Create API → “Self-generated”, and paste this public key.
3. Binance then shows an API Key: paste it into “Access Key” above, then Save.
The private key never leaves this computer: it goes to the keychain when you save.</source>
        <translation>1. Cliquez sur Copier.
2. Sur Binance, ouvrez Gestion des API → Créer une API → «&#xa0;Auto-générée&#xa0;», et collez-y cette clé publique.
3. Binance affiche alors une clé API&#xa0;: collez-la dans «&#xa0;Clé d&apos;accès&#xa0;» ci-dessus, puis Enregistrer.
La clé privée ne quitte jamais cet ordinateur&#xa0;: elle va dans le trousseau quand vous enregistrez.</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Clé publique</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the public key to the clipboard</source>
        <translation>Copier la clé publique dans le presse-papiers</translation>
    </message>
    <message>
        <source>Public key (give this to Binance):</source>
        <translation>Clé publique (à donner à Binance)&#xa0;:</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Welcome to Crypty Desktop</source>
        <translation>Bienvenue dans Crypty Desktop</translation>
    </message>
    <message>
        <source>Crypty Desktop runs trading bots from this computer, on an offline demo or on your own Binance account. Your keys stay in this computer&apos;s keychain.</source>
        <translation>Crypty Desktop fait tourner des bots de trading depuis cet ordinateur, sur une démo hors ligne ou sur votre propre compte Binance. Vos clés restent dans le trousseau de cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>%1: buy order filled</source>
        <translation>%1&#xa0;: ordre d&apos;achat exécuté</translation>
    </message>
    <message>
        <source>%1: sell order filled</source>
        <translation>%1&#xa0;: ordre de vente exécuté</translation>
    </message>
    <message>
        <source>%1 stopped by a risk limit</source>
        <translation>%1 arrêté par une limite de risque</translation>
    </message>
    <message>
        <source>%1 stopped by an error</source>
        <translation>%1 arrêté par une erreur</translation>
    </message>
    <message>
        <source>%1: Binance refused the key</source>
        <translation>%1&#xa0;: Binance a refusé la clé</translation>
    </message>
    <message>
        <source>%1: Binance asked the app to slow down</source>
        <translation>%1&#xa0;: Binance demande de ralentir</translation>
    </message>
</context>
<context>
    <name>OnboardingWizard</name>
    <message>
        <source>Getting started</source>
        <translation>Premiers pas</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Passer</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Commencer</translation>
    </message>
    <message>
        <source>Adding the demo exchange…</source>
        <translation>Ajout de la plateforme de démo…</translation>
    </message>
    <message>
        <source>Unexpected error.</source>
        <translation>Erreur inattendue.</translation>
    </message>
    <message>
        <source>The demo could not be added: %1</source>
        <translation>La démo n&apos;a pas pu être ajoutée&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>PlatformForm</name>
    <message>
        <source>Binance — your real account</source>
        <translation>Binance — votre vrai compte</translation>
    </message>
    <message>
        <source>Binance testnet — test money, for trying things out</source>
        <translation>Binance testnet — argent de test, pour essayer</translation>
    </message>
    <message>
        <source>Simulated — offline demo, needs no keys</source>
        <translation>Simulée — démo hors ligne, sans clé</translation>
    </message>
    <message>
        <source>Ghost bots (read-only)</source>
        <translation>Bots Ghost (lecture seule)</translation>
    </message>
    <message>
        <source>Trader bots</source>
        <translation>Bots Trader</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>Les deux</translation>
    </message>
    <message>
        <source>Checking the key with Binance…</source>
        <translation>Vérification de la clé auprès de Binance…</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>Add a platform</source>
        <translation>Ajouter une plateforme</translation>
    </message>
    <message>
        <source>e.g. Binance Ghost</source>
        <translation>ex. Binance Ghost</translation>
    </message>
    <message>
        <source>The API Key Binance shows you</source>
        <translation>La clé API que Binance vous affiche</translation>
    </message>
    <message>
        <source>Generate a key pair here (Ed25519) instead of a secret</source>
        <translation>Générer une paire de clés ici (Ed25519) au lieu d&apos;un secret</translation>
    </message>
    <message>
        <source>The offline demo needs no keys: it trades play money on replayed real prices.</source>
        <translation>La démo hors ligne n&apos;a besoin d&apos;aucune clé&#xa0;: elle joue de l&apos;argent fictif sur de vrais prix rejoués.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Access Key</source>
        <translation>Clé d&apos;accès</translation>
    </message>
    <message>
        <source>Secret Key</source>
        <translation>Clé secrète</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>How do I create a key on Binance?</source>
        <translation>Comment créer une clé sur Binance&#xa0;?</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Open the guide for this form (F1)</source>
        <translation>Ouvrir le guide de ce formulaire (F1)</translation>
    </message>
    <message>
        <source>Help for this form</source>
        <translation>Aide pour ce formulaire</translation>
    </message>
    <message>
        <source>Leave empty to keep the current key (%1)</source>
        <translation>Laisser vide pour garder la clé actuelle (%1)</translation>
    </message>
    <message>
        <source>Leave empty to keep the current secret</source>
        <translation>Laisser vide pour garder le secret actuel</translation>
    </message>
    <message>
        <source>The key pair is still being generated. Try again.</source>
        <translation>La paire de clés est encore en cours de génération. Réessayez.</translation>
    </message>
    <message>
        <source>e.g. Demo</source>
        <translation>ex. Démo</translation>
    </message>
    <message>
        <source>Generating a key pair…</source>
        <translation>Génération d&apos;une paire de clés…</translation>
    </message>
    <message>
        <source>Copied. Paste it into Binance&apos;s “Self-generated” key.</source>
        <translation>Copiée. Collez-la dans la clé «&#xa0;Auto-générée&#xa0;» de Binance.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was saved.</source>
        <translation>Annulé&#xa0;: rien n&apos;a été enregistré.</translation>
    </message>
</context>
<context>
    <name>PlatformTable</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <source>Allows</source>
        <translation>Permet</translation>
    </message>
    <message>
        <source>Last checked</source>
        <translation>Dernière vérification</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Pas encore vérifiée</translation>
    </message>
    <message>
        <source>No key needed</source>
        <translation>Aucune clé requise</translation>
    </message>
    <message>
        <source>This key has warnings: select it and click Test connection.</source>
        <translation>Cette clé a des avertissements&#xa0;: sélectionnez-la et cliquez sur Tester la connexion.</translation>
    </message>
</context>
<context>
    <name>PlatformsDialog</name>
    <message>
        <source>A platform is an exchange account your bots use: the offline demo, the Binance testnet, or your Binance account through an API key. Keys are kept in this computer&apos;s keychain.</source>
        <translation>Une plateforme est un compte d&apos;échange qu&apos;utilisent vos bots&#xa0;: la démo hors ligne, le testnet Binance, ou votre compte Binance par une clé API. Les clés sont gardées dans le trousseau de cet ordinateur.</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plateformes</translation>
    </message>
    <message>
        <source>+ Add</source>
        <translation>+ Ajouter</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Checking the demo exchange…</source>
        <translation>Vérification de la plateforme de démo…</translation>
    </message>
    <message>
        <source>Remove platform</source>
        <translation>Supprimer la plateforme</translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation>Supprimer «&#xa0;%1&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>Its API key is also removed from this computer&apos;s keychain. The key itself stays valid on Binance: delete it there too if you no longer use it.</source>
        <translation>Sa clé API est aussi retirée du trousseau de cet ordinateur. La clé elle-même reste valide chez Binance&#xa0;: supprimez-la là-bas aussi si vous ne l&apos;utilisez plus.</translation>
    </message>
    <message>
        <source>The demo exchange can be added again at any time.</source>
        <translation>La plateforme de démo peut être ajoutée de nouveau à tout moment.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Removing “%1”…</source>
        <translation>Suppression de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>“%1” was removed.</source>
        <translation>«&#xa0;%1&#xa0;» a été supprimée.</translation>
    </message>
    <message>
        <source>Connection test of “%1”</source>
        <translation>Test de connexion de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>«&#xa0;%1&#xa0;» enregistrée</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>PublicIpPanel</name>
    <message>
        <source>Your bots reach Binance from this computer, so this is the address to add to your key&apos;s trusted IPs. The button asks a public service (ipify) once; nothing is sent before you click.</source>
        <translation>Vos bots joignent Binance depuis cet ordinateur&#xa0;: c&apos;est donc cette adresse qu&apos;il faut ajouter aux IP de confiance de votre clé. Le bouton interroge une fois un service public (ipify)&#xa0;; rien n&apos;est envoyé avant votre clic.</translation>
    </message>
    <message>
        <source>Other ways to find it: Binance shows your current address in the key&apos;s “Edit restrictions” dialog; your router shows its public (WAN) address on its administration page; any “what is my IP” website opened on this computer gives it too.</source>
        <translation>Autres moyens de la trouver&#xa0;: Binance affiche votre adresse actuelle dans la fenêtre «&#xa0;Modifier les restrictions&#xa0;» de la clé&#xa0;; votre box affiche son adresse publique (WAN) sur sa page d&apos;administration&#xa0;; tout site «&#xa0;quelle est mon IP&#xa0;» ouvert sur cet ordinateur la donne aussi.</translation>
    </message>
    <message>
        <source>This computer&apos;s public IP address</source>
        <translation>Adresse IP publique de cet ordinateur</translation>
    </message>
    <message>
        <source>Show my public IP</source>
        <translation>Afficher mon IP publique</translation>
    </message>
    <message>
        <source>Ask a public address service which address Binance sees</source>
        <translation>Demander à un service public quelle adresse Binance voit</translation>
    </message>
    <message>
        <source>Public IP address</source>
        <translation>Adresse IP publique</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy the address to the clipboard</source>
        <translation>Copier l&apos;adresse dans le presse-papiers</translation>
    </message>
    <message>
        <source>Looking up…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>Asking the address service…</source>
        <translation>Interrogation du service d&apos;adresse…</translation>
    </message>
    <message>
        <source>Add this address to your key&apos;s trusted IPs on Binance.</source>
        <translation>Ajoutez cette adresse aux IP de confiance de votre clé sur Binance.</translation>
    </message>
    <message>
        <source>Your public IP address could not be found (no connection, or the service is blocked).</source>
        <translation>Votre adresse IP publique est introuvable (pas de connexion, ou service bloqué).</translation>
    </message>
    <message>
        <source>Copied. Paste it in Binance&apos;s “Edit restrictions” dialog.</source>
        <translation>Copiée. Collez-la dans la fenêtre «&#xa0;Modifier les restrictions&#xa0;» de Binance.</translation>
    </message>
</context>
<context>
    <name>SecretField</name>
    <message>
        <source>Secret Key</source>
        <translation>Clé secrète</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Show or hide what you typed</source>
        <translation>Afficher ou masquer ce que vous avez tapé</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation>Langue du système (%1)</translation>
    </message>
    <message>
        <source>A new language applies when the app next starts.</source>
        <translation>Une nouvelle langue s&apos;applique au prochain démarrage de l&apos;application.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>&amp;Couleurs&#xa0;:</translation>
    </message>
    <message>
        <source>Bots</source>
        <translation>Bots</translation>
    </message>
    <message>
        <source>&amp;Resume running bots when the app starts</source>
        <translation>&amp;Relancer au démarrage les bots qui tournaient</translation>
    </message>
    <message>
        <source>Ask each time</source>
        <translation>Demander à chaque fois</translation>
    </message>
    <message>
        <source>Keep them running in the background</source>
        <translation>Les laisser tourner en arrière-plan</translation>
    </message>
    <message>
        <source>Stop them and quit</source>
        <translation>Les arrêter et quitter</translation>
    </message>
    <message>
        <source>Closing the &amp;window with bots running:</source>
        <translation>Fermer la &amp;fenêtre avec des bots en marche&#xa0;:</translation>
    </message>
    <message>
        <source>Default budget of a new bot</source>
        <translation>Budget par défaut d&apos;un nouveau bot</translation>
    </message>
    <message>
        <source>Default &amp;budget of a new bot:</source>
        <translation>&amp;Budget par défaut d&apos;un nouveau bot&#xa0;:</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Données</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <source>The database, the logs and the settings of the bots. Keys are not here.</source>
        <translation>La base de données, les journaux et les réglages des bots. Les clés n&apos;y sont pas.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>Ouvrir le dossier des données</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Dossier&#xa0;:</translation>
    </message>
    <message>
        <source>An order of a Trader bot is filled</source>
        <translation>Un ordre d&apos;un bot Trader est exécuté</translation>
    </message>
    <message>
        <source>A bot stops on a risk limit or an error</source>
        <translation>Un bot s&apos;arrête sur une limite de risque ou une erreur</translation>
    </message>
    <message>
        <source>A Binance key stops working (revoked, or your IP address changed)</source>
        <translation>Une clé Binance cesse de fonctionner (révoquée, ou votre adresse IP a changé)</translation>
    </message>
    <message>
        <source>Binance asks the app to slow down</source>
        <translation>Binance demande à l&apos;application de ralentir</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero, e.g. 100.</source>
        <translation>Saisissez un montant supérieur à zéro, par ex. 100.</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>How would you like to start?</source>
        <translation>Comment voulez-vous commencer&#xa0;?</translation>
    </message>
    <message>
        <source>You can do the other later, and open this window again from Help.</source>
        <translation>Vous pourrez faire l&apos;autre plus tard, et rouvrir cette fenêtre depuis l&apos;Aide.</translation>
    </message>
    <message>
        <source>Try the demo (no account needed)</source>
        <translation>Essayer la démo (sans compte)</translation>
    </message>
    <message>
        <source>Adds an offline demo exchange that replays real past prices, with play money. No Binance account, no key, nothing at risk.</source>
        <translation>Ajoute une plateforme de démo hors ligne qui rejoue de vrais prix passés, avec de l&apos;argent fictif. Ni compte Binance, ni clé, aucun risque.</translation>
    </message>
    <message>
        <source>Connect my Binance account</source>
        <translation>Connecter mon compte Binance</translation>
    </message>
    <message>
        <source>Opens the Platforms window with the guide beside it. It shows how to create a read-only key on Binance, restricted to this computer&apos;s IP address, and add it here.</source>
        <translation>Ouvre la fenêtre Plateformes avec le guide à côté. Il montre comment créer sur Binance une clé en lecture seule, limitée à l&apos;adresse IP de cet ordinateur, et l&apos;ajouter ici.</translation>
    </message>
</context>
<context>
    <name>Toast</name>
    <message>
        <source>How to fix</source>
        <translation>Comment corriger</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>No bot running</source>
        <translation>Aucun bot en marche</translation>
    </message>
    <message>
        <source>1 bot running</source>
        <translation>1 bot en marche</translation>
    </message>
    <message>
        <source>%1 bots running</source>
        <translation>%1 bots en marche</translation>
    </message>
    <message>
        <source>&amp;Show Crypty Desktop</source>
        <translation>&amp;Afficher Crypty Desktop</translation>
    </message>
    <message>
        <source>Stop &amp;all bots</source>
        <translation>&amp;Arrêter tous les bots</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
</context>
<context>
    <name>WindowExtras</name>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>&amp;Activité</translation>
    </message>
    <message>
        <source>Copy &amp;diagnostics</source>
        <translation>Copier les &amp;diagnostics</translation>
    </message>
    <message>
        <source>Copy versions and settings for support (no keys, no names) to the clipboard</source>
        <translation>Copier les versions et réglages pour l&apos;assistance (ni clés, ni noms) dans le presse-papiers</translation>
    </message>
    <message>
        <source>The new language applies when Crypty Desktop next starts.</source>
        <translation>La nouvelle langue s&apos;appliquera au prochain démarrage de Crypty Desktop.</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard: paste them into your message.</source>
        <translation>Diagnostics copiés dans le presse-papiers&#xa0;: collez-les dans votre message.</translation>
    </message>
    <message>
        <source>The diagnostics could not be gathered.</source>
        <translation>Les diagnostics n&apos;ont pas pu être rassemblés.</translation>
    </message>
    <message>
        <source>The bots keep running. Click the icon to open the window again.</source>
        <translation>Les bots continuent de tourner. Cliquez sur l&apos;icône pour rouvrir la fenêtre.</translation>
    </message>
</context>
</TS>
