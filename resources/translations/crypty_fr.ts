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
        <source>%1: %2</source>
        <comment>a platform or bot, then what happened</comment>
        <translation>%1&#xa0;: %2</translation>
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
    <name>AlertsPanel</name>
    <message>
        <source>Send alerts to your phone, chat or e-mail through Apprise: add the address of each place (for example tgram://…, ntfys://…, mailto://…). Addresses are kept in the keychain; alerts never contain a key.</source>
        <translation>Recevez des alertes sur votre téléphone, votre messagerie ou par e-mail grâce à Apprise : ajoutez l&apos;adresse de chaque destination (par exemple tgram://…, ntfys://…, mailto://…). Les adresses sont gardées dans le trousseau ; les alertes ne contiennent jamais de clé.</translation>
    </message>
    <message>
        <source>Alert targets</source>
        <translation>Destinations des alertes</translation>
    </message>
    <message>
        <source>Name, e.g. Phone</source>
        <translation>Nom, par ex. Téléphone</translation>
    </message>
    <message>
        <source>Target name</source>
        <translation>Nom de la destination</translation>
    </message>
    <message>
        <source>Apprise address, e.g. ntfys://my-topic</source>
        <translation>Adresse Apprise, par ex. ntfys://mon-sujet</translation>
    </message>
    <message>
        <source>Target address</source>
        <translation>Adresse de la destination</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Reti&amp;rer</translation>
    </message>
    <message>
        <source>Send a &amp;test</source>
        <translation>Envoyer un &amp;test</translation>
    </message>
    <message>
        <source>Send an alert when:</source>
        <translation>Envoyer une alerte quand :</translation>
    </message>
    <message>
        <source>a Trader bot&apos;s order fills</source>
        <translation>un ordre d&apos;un bot Trader est exécuté</translation>
    </message>
    <message>
        <source>a bot is stopped by a risk rule</source>
        <translation>un bot est arrêté par une règle de risque</translation>
    </message>
    <message>
        <source>an order is refused</source>
        <translation>un ordre est refusé</translation>
    </message>
    <message>
        <source>Binance refuses a key</source>
        <translation>Binance refuse une clé</translation>
    </message>
    <message>
        <source>Binance pauses or blocks requests</source>
        <translation>Binance suspend ou bloque les requêtes</translation>
    </message>
    <message>
        <source>a Trader bot waits long for Binance to confirm an order</source>
        <translation>un bot Trader attend longtemps que Binance confirme un ordre</translation>
    </message>
    <message>
        <source>Make everything safe was used</source>
        <translation>« Tout mettre en sécurité » a été utilisé</translation>
    </message>
    <message>
        <source>every day: the bots&apos; P&amp;&amp;L</source>
        <translation>chaque jour : le P&amp;&amp;P des bots</translation>
    </message>
    <message>
        <source>nothing sent yet</source>
        <translation>rien d&apos;envoyé pour l&apos;instant</translation>
    </message>
    <message>
        <source>last alert delivered</source>
        <translation>dernière alerte reçue</translation>
    </message>
    <message>
        <source>failing: %1</source>
        <translation>en échec : %1</translation>
    </message>
    <message>
        <source>Test sent. The list says whether each target received it.</source>
        <translation>Test envoyé. La liste indique si chaque destination l&apos;a reçu.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Crypty Desktop could not open its data folder or database.</source>
        <translation>Crypty Desktop n&apos;a pas pu ouvrir son dossier de données ou sa base de données.</translation>
    </message>
    <message>
        <source>Restore the automatic backup of %1? What changed since then is not in it. The damaged file is kept beside it, renamed, in case you need it.</source>
        <translation>Restaurer la sauvegarde automatique du %1 ? Ce qui a changé depuis n’y figure pas. Le fichier endommagé est conservé à côté, renommé, au cas où vous en auriez besoin.</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Restaurer la sauvegarde</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Crypty Desktop is already open for this data folder (process %1). Switch to its window, or quit it before opening the app again.</source>
        <translation>Crypty Desktop est déjà ouvert pour ce dossier de données (processus %1). Passez à sa fenêtre, ou quittez-le avant de rouvrir l&apos;application.</translation>
    </message>
</context>
<context>
    <name>BacktestResultView</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Frais</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Downloading history: %1 of %2 candles</source>
        <translation>Téléchargement de l&apos;historique&#xa0;: %1 bougies sur %2</translation>
    </message>
    <message>
        <source>Replaying candles: %1 of %2</source>
        <translation>Rejeu des bougies&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>%1 candles from %2</source>
        <translation>%1 bougies de %2</translation>
    </message>
    <message>
        <source>budget %1, fee %2</source>
        <translation>budget %1, frais %2</translation>
    </message>
    <message>
        <source>Export trades to CSV…</source>
        <translation>Exporter les transactions en CSV…</translation>
    </message>
    <message>
        <source>Equity and trades</source>
        <translation>Valeur et transactions</translation>
    </message>
    <message>
        <source>Equity vs buy and hold</source>
        <translation>Valeur vs achat conservé</translation>
    </message>
    <message>
        <source>Trades (%1)</source>
        <translation>Transactions (%1)</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <source>Run as a Ghost bot…</source>
        <translation>Lancer en bot Ghost…</translation>
    </message>
    <message>
        <source>Create a Ghost bot (paper trading on live prices) with these settings.</source>
        <translation>Créer un bot Ghost (trading fictif sur les prix en direct) avec ces réglages.</translation>
    </message>
    <message>
        <source>This backtest was not checked against overfitting: one backtest cannot tell whether its result will hold.</source>
        <translation>Ce backtest n&apos;a pas été contrôlé contre le surajustement&#xa0;: un seul backtest ne peut pas dire si son résultat tiendra.</translation>
    </message>
    <message>
        <source>The Optimise tab checks it with walk-forward, Monte Carlo and parameter stability.</source>
        <translation>L&apos;onglet Optimiser le contrôle par walk-forward, Monte-Carlo et stabilité des paramètres.</translation>
    </message>
    <message>
        <source>Create the Ghost bot with these settings?</source>
        <translation>Créer le bot Ghost avec ces réglages&#xa0;?</translation>
    </message>
    <message>
        <source>%1 (%2 round trips)</source>
        <translation>%1 (%2 allers-retours)</translation>
    </message>
    <message>
        <source>Net P&amp;L</source>
        <translation>P&amp;L net</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Rendement</translation>
    </message>
    <message>
        <source>Buy and hold</source>
        <translation>Achat conservé</translation>
    </message>
    <message>
        <source>Max drawdown</source>
        <translation>Repli maximal</translation>
    </message>
    <message>
        <source>Fees paid</source>
        <translation>Frais payés</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>Taux de réussite</translation>
    </message>
    <message>
        <source>Time in market</source>
        <translation>Temps en position</translation>
    </message>
    <message>
        <source>▲ Buy</source>
        <translation>▲ Achat</translation>
    </message>
    <message>
        <source>▼ Sell</source>
        <translation>▼ Vente</translation>
    </message>
    <message>
        <source>%1 trades saved to %2.</source>
        <translation>%1 transactions enregistrées dans %2.</translation>
    </message>
    <message>
        <source>Export trades to CSV</source>
        <translation>Exporter les transactions en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>The file could not be written: %1.</source>
        <translation>Le fichier n&apos;a pas pu être écrit&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>BacktestsPage</name>
    <message>
        <source>Backtests</source>
        <translation>Backtests</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Stratégie</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Stratégie&#xa0;:</translation>
    </message>
    <message>
        <source>Download history</source>
        <translation>Télécharger l&apos;historique</translation>
    </message>
    <message>
        <source>Fetch and keep the candles of these dates (only those missing), without running anything.</source>
        <translation>Récupérer et garder les bougies de ces dates (seulement celles qui manquent), sans rien exécuter.</translation>
    </message>
    <message>
        <source>Run backtest</source>
        <translation>Lancer le backtest</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Backtest results</source>
        <translation>Résultats des backtests</translation>
    </message>
    <message>
        <source>Choose a market, dates and a strategy, then Run backtest. The strategy replays the candles exactly as a Ghost bot would trade them, with fees, and each result opens here in its own tab: the figures, the chart with every buy and sell, the equity against simply buying and holding, and the list of trades.

Past results do not promise future ones.</source>
        <translation>Choisissez un marché, des dates et une stratégie, puis Lancer le backtest. La stratégie rejoue les bougies exactement comme un bot Ghost les traderait, frais compris, et chaque résultat s&apos;ouvre ici dans son propre onglet&#xa0;: les chiffres, le graphique avec chaque achat et chaque vente, la valeur comparée à un simple achat conservé, et la liste des transactions.

Les résultats passés ne préjugent pas des résultats futurs.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Backtest or optimise</source>
        <translation>Backtest ou optimisation</translation>
    </message>
    <message>
        <source>Backtest</source>
        <translation>Backtest</translation>
    </message>
    <message>
        <source>Optimise</source>
        <translation>Optimiser</translation>
    </message>
    <message>
        <source>Add a platform first (the offline demo is enough).</source>
        <translation>Ajoutez d&apos;abord une plateforme (la démo hors ligne suffit).</translation>
    </message>
    <message>
        <source>Downloading history…</source>
        <translation>Téléchargement de l&apos;historique…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <source>Cancelled. The candles downloaded so far are kept.</source>
        <translation>Annulé. Les bougies déjà téléchargées sont conservées.</translation>
    </message>
    <message>
        <source>%1 candles ready for these dates.</source>
        <translation>%1 bougies prêtes pour ces dates.</translation>
    </message>
    <message>
        <source>Done: %1 candles replayed in %2 s.</source>
        <translation>Terminé&#xa0;: %1 bougies rejouées en %2&#xa0;s.</translation>
    </message>
</context>
<context>
    <name>BotChart</name>
    <message>
        <source>Loading the chart…</source>
        <translation>Chargement du graphique…</translation>
    </message>
    <message>
        <source>point at a candle for its figures, at a ▲ or ▼ for the trade</source>
        <translation>pointez une bougie pour ses chiffres, un ▲ ou un ▼ pour la transaction</translation>
    </message>
    <message>
        <source>No candles yet: the chart fills in as the bot runs.</source>
        <translation>Pas encore de bougies&#xa0;: le graphique se remplit pendant que le bot tourne.</translation>
    </message>
    <message>
        <source>The chart could not be loaded.</source>
        <translation>Le graphique n&apos;a pas pu être chargé.</translation>
    </message>
</context>
<context>
    <name>BotDetail</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Exécuté</translation>
    </message>
    <message>
        <source>Order id</source>
        <translation>N° d&apos;ordre</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Frais</translation>
    </message>
    <message>
        <source>BUY</source>
        <translation>ACHAT</translation>
    </message>
    <message>
        <source>SELL</source>
        <translation>VENTE</translation>
    </message>
    <message>
        <source>CANCEL</source>
        <translation>ANNULATION</translation>
    </message>
    <message>
        <source>HOLD</source>
        <translation>ATTENTE</translation>
    </message>
    <message>
        <source>RISK</source>
        <translation>RISQUE</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>ERREUR</translation>
    </message>
    <message>
        <source>INFO</source>
        <translation>INFO</translation>
    </message>
    <message>
        <source>REFUSED</source>
        <translation>REFUS</translation>
    </message>
    <message>
        <source>WAIT</source>
        <translation>ATTENTE</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Marché</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limite</translation>
    </message>
    <message>
        <source>Being sent</source>
        <translation>En cours d&apos;envoi</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Partly filled</source>
        <translation>Partiellement exécuté</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Being cancelled</source>
        <translation>En cours d&apos;annulation</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejeté</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Expired (self-trade)</source>
        <translation>Expiré (auto-transaction)</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Non envoyé</translation>
    </message>
    <message>
        <source>Free %1</source>
        <translation>Disponible %1</translation>
    </message>
    <message>
        <source>in 1 open order</source>
        <translation>dans 1 ordre ouvert</translation>
    </message>
    <message>
        <source>in %1 open orders</source>
        <translation>dans %1 ordres ouverts</translation>
    </message>
    <message>
        <source>Locked %1 %2</source>
        <translation>Bloqué %1 %2</translation>
    </message>
    <message>
        <source>P&amp;L %1</source>
        <translation>P&amp;P %1</translation>
    </message>
    <message>
        <source>Free: what the bot can still spend or sell. Locked: reserved by its open orders (on the exchange for a Trader bot). P&amp;L counts both, fees included.</source>
        <translation>Disponible&#xa0;: ce que le bot peut encore dépenser ou vendre. Bloqué&#xa0;: réservé par ses ordres ouverts (sur la plateforme pour un bot Trader). Le P&amp;P compte les deux, frais inclus.</translation>
    </message>
    <message>
        <source>What the bot decides appears here, newest at the bottom.</source>
        <translation>Les décisions du bot s&apos;affichent ici, les plus récentes en bas.</translation>
    </message>
    <message>
        <source>Open orders only</source>
        <translation>Ordres ouverts seulement</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>Annuler l’ordre…</translation>
    </message>
    <message>
        <source>Cancel the selected open order.</source>
        <translation>Annuler l’ordre ouvert sélectionné.</translation>
    </message>
    <message>
        <source>The price chart with this bot&apos;s trades appears here.</source>
        <translation>Le graphique des prix avec les transactions de ce bot s&apos;affiche ici.</translation>
    </message>
    <message>
        <source>This bot&apos;s equity over time, against its budget, appears here.</source>
        <translation>La valeur de ce bot au fil du temps, comparée à son budget, s&apos;affiche ici.</translation>
    </message>
    <message>
        <source>Details of the selected bot</source>
        <translation>Détails du bot sélectionné</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Ordres</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Graphique</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Select a bot to see what it does.</source>
        <translation>Sélectionnez un bot pour voir ce qu&apos;il fait.</translation>
    </message>
    <message>
        <source>%1 on %2 · %3 · budget %4</source>
        <translation>%1 sur %2 · %3 · budget %4</translation>
    </message>
    <message>
        <source>1 open order</source>
        <translation>1 ordre ouvert</translation>
    </message>
    <message>
        <source>%1 open orders</source>
        <translation>%1 ordres ouverts</translation>
    </message>
    <message>
        <source>Cancel this order…</source>
        <translation>Annuler cet ordre…</translation>
    </message>
    <message>
        <source>Cancel the order to buy %1 at %2?</source>
        <translation>Annuler l’ordre d’achat de %1 à %2&#xa0;?</translation>
    </message>
    <message>
        <source>Cancel the order to sell %1 at %2?</source>
        <translation>Annuler l’ordre de vente de %1 à %2&#xa0;?</translation>
    </message>
    <message>
        <source>market</source>
        <translation>au marché</translation>
    </message>
    <message>
        <source>Cancel an order</source>
        <translation>Annuler un ordre</translation>
    </message>
    <message>
        <source>It is cancelled on %1; what it locked is free again. If it filled first, its fills are recorded.</source>
        <translation>Il est annulé sur %1&#xa0;; ce qu’il bloquait redevient disponible. S’il a été exécuté avant, ses exécutions sont enregistrées.</translation>
    </message>
    <message>
        <source>A paper order: nothing is sent; what it locked is free again.</source>
        <translation>Un ordre fictif&#xa0;: rien n’est envoyé&#xa0;; ce qu’il bloquait redevient disponible.</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>Annuler l’ordre</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Le garder</translation>
    </message>
</context>
<context>
    <name>BotEditor</name>
    <message>
        <source>New bot</source>
        <translation>Nouveau bot</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>Modifier «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <source>The saved parameter %1 is not known to %2: it will be left out when you save.</source>
        <translation>Le paramètre enregistré %1 est inconnu de %2&#xa0;: il sera omis à l’enregistrement.</translation>
    </message>
    <message>
        <source>The saved parameters %1 are not known to %2: they will be left out when you save.</source>
        <translation>Les paramètres enregistrés %1 sont inconnus de %2&#xa0;: ils seront omis à l’enregistrement.</translation>
    </message>
    <message>
        <source>This bot has orders: its kind, platform and market stay as they are.</source>
        <translation>Ce bot a des ordres&#xa0;: son type, sa plateforme et son marché restent inchangés.</translation>
    </message>
    <message>
        <source>e.g. BTC DCA</source>
        <translation>ex. BTC DCA</translation>
    </message>
    <message>
        <source>How long each candle lasts: the bot decides once per candle.</source>
        <translation>Durée de chaque bougie&#xa0;: le bot décide une fois par bougie.</translation>
    </message>
    <message>
        <source>e.g. 500</source>
        <translation>ex. 500</translation>
    </message>
    <message>
        <source>The most this bot may spend, in the market&apos;s quote asset.</source>
        <translation>Le maximum que ce bot peut dépenser, dans la devise de cotation du marché.</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Type&#xa0;:</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>Plateforme&#xa0;:</translation>
    </message>
    <message>
        <source>Market:</source>
        <translation>Marché&#xa0;:</translation>
    </message>
    <message>
        <source>Interval:</source>
        <translation>Intervalle&#xa0;:</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Stratégie&#xa0;:</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>Budget&#xa0;:</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>Risk limits (optional)</source>
        <translation>Limites de risque (facultatives)</translation>
    </message>
    <message>
        <source>Stop-loss (%):</source>
        <translation>Stop-loss (%)&#xa0;:</translation>
    </message>
    <message>
        <source>Take-profit (%):</source>
        <translation>Prise de bénéfices (%)&#xa0;:</translation>
    </message>
    <message>
        <source>Max drawdown (%):</source>
        <translation>Perte max. depuis le pic (%)&#xa0;:</translation>
    </message>
    <message>
        <source>Trailing stop (%):</source>
        <translation>Stop suiveur (%)&#xa0;:</translation>
    </message>
    <message>
        <source>Sell everything and stop when the price falls this far below its highest.</source>
        <translation>Tout vendre et s&apos;arrêter quand le prix tombe d&apos;autant sous son plus haut.</translation>
    </message>
    <message>
        <source>Trader bots keep the stop-loss, trailing stop and take-profit on Binance itself, so they work while this computer sleeps or the app is closed (where Binance allows it; the bot&apos;s log says otherwise). The max drawdown works in the app, only while it runs. Ghost bots simulate the same orders.</source>
        <translation>Les bots Trader placent le stop-loss, le stop suiveur et la prise de bénéfice sur Binance même&#xa0;: ils fonctionnent quand cet ordinateur est en veille ou l&apos;application fermée (là où Binance le permet&#xa0;; sinon le journal du bot le dit). La perte max. depuis le pic ne fonctionne que dans l&apos;application, pendant qu&apos;elle tourne. Les bots Ghost simulent les mêmes ordres.</translation>
    </message>
    <message>
        <source>Sell everything and stop when the price falls this far.</source>
        <translation>Tout vendre et s&apos;arrêter quand le prix baisse d&apos;autant.</translation>
    </message>
    <message>
        <source>Sell everything when the price rises this far.</source>
        <translation>Tout vendre quand le prix monte d&apos;autant.</translation>
    </message>
    <message>
        <source>Sell everything and stop when the bot&apos;s value falls this far.</source>
        <translation>Tout vendre et s&apos;arrêter quand la valeur du bot baisse d&apos;autant.</translation>
    </message>
    <message>
        <source>Create bot</source>
        <translation>Créer le bot</translation>
    </message>
    <message>
        <source>Type to search, e.g. BTCUSDT</source>
        <translation>Tapez pour chercher, ex. BTCUSDT</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Marché</translation>
    </message>
    <message>
        <source>Create Trader bot</source>
        <translation>Créer le bot Trader</translation>
    </message>
    <message>
        <source>“%1” is not listed: %2</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas proposée&#xa0;: %2</translation>
    </message>
    <message>
        <source>No platform can run a %1 bot yet.</source>
        <translation>Aucune plateforme ne peut encore faire tourner un bot %1.</translation>
    </message>
    <message>
        <source>Loading the markets of %1…</source>
        <translation>Chargement des marchés de %1…</translation>
    </message>
    <message>
        <source>%1 priced in %2</source>
        <translation>%1 coté en %2</translation>
    </message>
    <message>
        <source>Minimum: checking…</source>
        <translation>Minimum&#xa0;: vérification…</translation>
    </message>
    <message>
        <source>%1 priced in %2 · last price %3</source>
        <translation>%1 coté en %2 · dernier prix %3</translation>
    </message>
    <message>
        <source>Minimum: %1</source>
        <translation>Minimum&#xa0;: %1</translation>
    </message>
    <message>
        <source>The smallest order the exchange accepts on this market at the current price.</source>
        <translation>Le plus petit ordre que la plateforme accepte sur ce marché au prix actuel.</translation>
    </message>
    <message>
        <source>A number is not written the way this window reads it: see the red note.</source>
        <translation>Un nombre n&apos;est pas écrit comme cette fenêtre le lit&#xa0;: voyez la note en rouge.</translation>
    </message>
    <message>
        <source>Give the bot a name.</source>
        <translation>Donnez un nom au bot.</translation>
    </message>
    <message>
        <source>Choose a platform that allows %1 bots.</source>
        <translation>Choisissez une plateforme qui permet les bots %1.</translation>
    </message>
    <message>
        <source>Choose a market, e.g. BTCUSDT.</source>
        <translation>Choisissez un marché, ex. BTCUSDT.</translation>
    </message>
    <message>
        <source>Set a budget: the most this bot may spend.</source>
        <translation>Fixez un budget&#xa0;: le maximum que ce bot peut dépenser.</translation>
    </message>
    <message>
        <source>The budget is below the smallest order on %1: Minimum: %2.</source>
        <translation>Le budget est inférieur au plus petit ordre sur %1&#xa0;: minimum %2.</translation>
    </message>
    <message>
        <source>Checking the market and saving the bot…</source>
        <translation>Vérification du marché et enregistrement du bot…</translation>
    </message>
    <message>
        <source>Cancelled: the bot was not created.</source>
        <translation>Annulé&#xa0;: le bot n&apos;a pas été créé.</translation>
    </message>
</context>
<context>
    <name>BotEquity</name>
    <message>
        <source>Loading the equity curve…</source>
        <translation>Chargement de la courbe de valeur…</translation>
    </message>
    <message>
        <source>This bot</source>
        <translation>Ce bot</translation>
    </message>
    <message>
        <source>No equity recorded yet: the curve starts once the bot has run a while.</source>
        <translation>Aucune valeur enregistrée pour l&apos;instant&#xa0;: la courbe commence une fois que le bot a tourné un moment.</translation>
    </message>
</context>
<context>
    <name>BotListWidget</name>
    <message>
        <source>No bots yet. Click “+ New bot” to create one: it follows one strategy on one market, as a Ghost (paper money on real prices, nothing at risk) or a Trader (real orders with your money).</source>
        <translation>Aucun bot pour l&apos;instant. Cliquez sur «&#xa0;+ Nouveau bot&#xa0;» pour en créer un&#xa0;: il suit une stratégie sur un marché, en Ghost (argent fictif sur de vrais prix, aucun risque) ou en Trader (ordres réels avec votre argent).</translation>
    </message>
    <message>
        <source>+ New bot</source>
        <translation>+ Nouveau bot</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Change the settings of a stopped bot.</source>
        <translation>Modifier les réglages d&apos;un bot arrêté.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Backtest…</source>
        <translation>Backtest…</translation>
    </message>
    <message>
        <source>Backtest this bot: run its strategy and settings over past candles.</source>
        <translation>Backtester ce bot&#xa0;: rejouer sa stratégie et ses réglages sur des bougies passées.</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Tout arrêter</translation>
    </message>
    <message>
        <source>Stop every running bot now.</source>
        <translation>Arrêter maintenant tous les bots en marche.</translation>
    </message>
    <message>
        <source>Bots</source>
        <translation>Bots</translation>
    </message>
    <message>
        <source>Start (real orders)</source>
        <translation>Démarrer (ordres réels)</translation>
    </message>
    <message>
        <source>“%1” cannot start: its platform was removed. Remove the bot, or create it again on another platform.</source>
        <translation>«&#xa0;%1&#xa0;» ne peut pas démarrer&#xa0;: sa plateforme a été supprimée. Supprimez le bot, ou recréez-le sur une autre plateforme.</translation>
    </message>
    <message>
        <source>“%1” was not started.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas été démarré.</translation>
    </message>
    <message>
        <source>pausing…</source>
        <translation>mise en pause…</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>arrêt…</translation>
    </message>
    <message>
        <source>Stopping 1 bot…</source>
        <translation>Arrêt d&apos;un bot…</translation>
    </message>
    <message>
        <source>Stopping %1 bots…</source>
        <translation>Arrêt de %1 bots…</translation>
    </message>
    <message>
        <source>No bot is running.</source>
        <translation>Aucun bot n&apos;est en marche.</translation>
    </message>
    <message>
        <source>“%1” is starting or stopping; cancel the order in a moment.</source>
        <translation>«&#xa0;%1&#xa0;» démarre ou s’arrête&#xa0;; annulez l’ordre dans un instant.</translation>
    </message>
    <message>
        <source>Cancelling the order…</source>
        <translation>Annulation de l’ordre…</translation>
    </message>
    <message>
        <source>Remove bot</source>
        <translation>Supprimer le bot</translation>
    </message>
    <message>
        <source>Remove “%1”? Its log is deleted; its orders and trades stay in the platform&apos;s history.</source>
        <translation>Supprimer «&#xa0;%1&#xa0;»&#xa0;? Son journal est effacé&#xa0;; ses ordres et transactions restent dans l&apos;historique de la plateforme.</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>«&#xa0;%1&#xa0;» supprimé.</translation>
    </message>
    <message>
        <source>%1 open orders were cancelled.</source>
        <translation>%1 ordres ouverts ont été annulés.</translation>
    </message>
    <message>
        <source>Stop, cancel its orders and remove</source>
        <translation>Arrêter, annuler ses ordres et supprimer</translation>
    </message>
    <message>
        <source>“%1” was not removed.</source>
        <translation>« %1 » n’a pas été supprimé.</translation>
    </message>
    <message>
        <source>Compare with a backtest…</source>
        <translation>Comparer avec un backtest…</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Rapport…</translation>
    </message>
    <message>
        <source>Saved the changes to “%1”.</source>
        <translation>Modifications de «&#xa0;%1&#xa0;» enregistrées.</translation>
    </message>
    <message>
        <source>Created “%1”. Press Start to run it.</source>
        <translation>«&#xa0;%1&#xa0;» créé. Appuyez sur Démarrer pour le lancer.</translation>
    </message>
    <message>
        <source>A bot</source>
        <translation>Un bot</translation>
    </message>
    <message>
        <source>“%1” stopped: %2</source>
        <translation>«&#xa0;%1&#xa0;» arrêté&#xa0;: %2</translation>
    </message>
    <message>
        <source>“%1” stopped on an error.</source>
        <translation>«&#xa0;%1&#xa0;» arrêté sur une erreur.</translation>
    </message>
</context>
<context>
    <name>BotReportDialog</name>
    <message>
        <source>Report of “%1”</source>
        <translation>Rapport de « %1 »</translation>
    </message>
    <message>
        <source>The bot&apos;s own fills and the stored candles of the window it traded in, with the figures and metrics a backtest gets. Its equity is valued at each candle&apos;s close.</source>
        <translation>Les exécutions du bot et les bougies enregistrées de la période où il a tradé, avec les chiffres et les mesures d&apos;un backtest. Sa valeur est calculée à la clôture de chaque bougie.</translation>
    </message>
    <message>
        <source>Reading the bot&apos;s records…</source>
        <translation>Lecture de l&apos;historique du bot…</translation>
    </message>
    <message>
        <source>%1 candles of %2 %3 from %4 to %5 (UTC).</source>
        <translation>%1 bougies de %2 %3 du %4 au %5 (UTC).</translation>
    </message>
</context>
<context>
    <name>BotTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plateforme</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Marché</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Stratégie</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>P&amp;L</source>
        <translation>P&amp;P</translation>
    </message>
    <message>
        <source>Last action</source>
        <translation>Dernière action</translation>
    </message>
    <message>
        <source>Ghost — paper trading, no real money</source>
        <translation>Ghost — trading fictif, pas d&apos;argent réel</translation>
    </message>
    <message>
        <source>Trader — places real orders with your money</source>
        <translation>Trader — passe de vrais ordres avec votre argent</translation>
    </message>
    <message>
        <source>● Running</source>
        <translation>● En marche</translation>
    </message>
    <message>
        <source>◌ Starting…</source>
        <translation>◌ Démarrage…</translation>
    </message>
    <message>
        <source>◌ Stopping…</source>
        <translation>◌ Arrêt…</translation>
    </message>
    <message>
        <source>❚❚ Paused</source>
        <translation>❚❚ En pause</translation>
    </message>
    <message>
        <source>■ Stopped</source>
        <translation>■ Arrêté</translation>
    </message>
    <message>
        <source>⚠ Error</source>
        <translation>⚠ Erreur</translation>
    </message>
    <message>
        <source>◷ Waiting</source>
        <translation>◷ En attente</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(supprimée)</translation>
    </message>
    <message>
        <source>Profit or loss so far, fees included: value now minus the budget.</source>
        <translation>Profit ou perte à ce jour, frais compris&#xa0;: valeur actuelle moins le budget.</translation>
    </message>
</context>
<context>
    <name>BotsController</name>
    <message>
        <source>&amp;Bots</source>
        <translation>&amp;Bots</translation>
    </message>
    <message>
        <source>&amp;New bot…</source>
        <translation>&amp;Nouveau bot…</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>A&amp;rrêter</translation>
    </message>
    <message>
        <source>Stop &amp;all bots</source>
        <translation>&amp;Arrêter tous les bots</translation>
    </message>
    <message>
        <source>&amp;Resume bots on start</source>
        <translation>&amp;Relancer les bots au démarrage</translation>
    </message>
    <message>
        <source>When the app starts, start again the bots that were running when it closed.</source>
        <translation>Au démarrage de l&apos;application, relancer les bots qui tournaient à sa fermeture.</translation>
    </message>
    <message>
        <source>&amp;Compare with a backtest…</source>
        <translation>&amp;Comparer avec un backtest…</translation>
    </message>
    <message>
        <source>The selected bot&apos;s trades beside a backtest of its own window.</source>
        <translation>Les trades du bot sélectionné à côté d&apos;un backtest de sa propre période.</translation>
    </message>
    <message>
        <source>Re&amp;port…</source>
        <translation>Ra&amp;pport…</translation>
    </message>
    <message>
        <source>The selected bot&apos;s P&amp;L, drawdown and metrics (Sharpe, Sortino, Calmar, monthly returns), as a backtest shows them, with CSV and HTML exports.</source>
        <translation>Le P&amp;L, le drawdown et les mesures du bot sélectionné (Sharpe, Sortino, Calmar, rendements mensuels), présentés comme pour un backtest, avec exports CSV et HTML.</translation>
    </message>
    <message>
        <source>Bots are running</source>
        <translation>Des bots sont en marche</translation>
    </message>
    <message>
        <source>1 bot is running.</source>
        <translation>1 bot est en marche.</translation>
    </message>
    <message>
        <source>%1 bots are running.</source>
        <translation>%1 bots sont en marche.</translation>
    </message>
    <message>
        <source>Bots only trade while Crypty Desktop runs.</source>
        <translation>Les bots ne tradent que tant que Crypty Desktop tourne.</translation>
    </message>
    <message>
        <source>They start again when you next open the app (Bots › Resume bots on start is on).</source>
        <translation>Ils redémarreront à la prochaine ouverture de l&apos;application (Bots › Relancer les bots au démarrage est activé).</translation>
    </message>
    <message>
        <source>To bring them back when you next open the app, turn on Bots › Resume bots on start.</source>
        <translation>Pour les retrouver à la prochaine ouverture de l&apos;application, activez Bots › Relancer les bots au démarrage.</translation>
    </message>
    <message>
        <source>Keep running in the background</source>
        <translation>Continuer en arrière-plan</translation>
    </message>
    <message>
        <source>Stop bots and quit</source>
        <translation>Arrêter les bots et quitter</translation>
    </message>
    <message>
        <source>Stopping the bots…</source>
        <translation>Arrêt des bots…</translation>
    </message>
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
</context>
<context>
    <name>BotsPage</name>
    <message>
        <source>Bots</source>
        <translation>Bots</translation>
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
    <name>CandleSourceForm</name>
    <message>
        <source>Market</source>
        <translation>Marché</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importer un CSV…</translation>
    </message>
    <message>
        <source>Use candles from a file instead: the app&apos;s format (open_time,open,high,low,close,volume) or a Binance data dump.</source>
        <translation>Utiliser plutôt les bougies d&apos;un fichier&#xa0;: le format de l&apos;application (open_time,open,high,low,close,volume) ou un export de données Binance.</translation>
    </message>
    <message>
        <source>Use dates</source>
        <translation>Utiliser les dates</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>Plateforme&#xa0;:</translation>
    </message>
    <message>
        <source>Market:</source>
        <translation>Marché&#xa0;:</translation>
    </message>
    <message>
        <source>Interval:</source>
        <translation>Intervalle&#xa0;:</translation>
    </message>
    <message>
        <source>Dates (UTC):</source>
        <translation>Dates (UTC)&#xa0;:</translation>
    </message>
    <message>
        <source>Budget:</source>
        <translation>Budget&#xa0;:</translation>
    </message>
    <message>
        <source>Fee per trade:</source>
        <translation>Frais par transaction&#xa0;:</translation>
    </message>
    <message>
        <source>Last price: %1</source>
        <translation>Dernier prix : %1</translation>
    </message>
    <message>
        <source>Candles from %1</source>
        <translation>Bougies de %1</translation>
    </message>
    <message>
        <source>Import candles</source>
        <translation>Importer des bougies</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Choose a platform first.</source>
        <translation>Choisissez d&apos;abord une plateforme.</translation>
    </message>
    <message>
        <source>Choose a market.</source>
        <translation>Choisissez un marché.</translation>
    </message>
    <message>
        <source>Choose a candle interval.</source>
        <translation>Choisissez un intervalle de bougies.</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>La date de fin précède la date de début.</translation>
    </message>
    <message>
        <source>A number is not written the way this window reads it: see the red note.</source>
        <translation>Un nombre n&apos;est pas écrit comme cette fenêtre le lit&#xa0;: voyez la note en rouge.</translation>
    </message>
</context>
<context>
    <name>ConnectionLabel</name>
    <message>
        <source>Exchange connection</source>
        <translation>Connexion à la plateforme</translation>
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
        <source>This key can withdraw funds. No bot ever needs that, and a stolen key with withdrawals can empty your account. Edit the key on Binance, untick &quot;Enable Withdrawals&quot;, then add it again.</source>
        <translation>Cette clé peut retirer des fonds. Aucun bot n&apos;en a jamais besoin, et une clé volée avec les retraits activés peut vider votre compte. Modifiez la clé sur Binance, décochez «&#xa0;Activer les retraits&#xa0;», puis ajoutez-la de nouveau.</translation>
    </message>
    <message>
        <source>This key cannot read your account, so no bot can use it.</source>
        <translation>Cette clé ne peut pas lire votre compte, donc aucun bot ne peut l&apos;utiliser.</translation>
    </message>
    <message>
        <source>This key works from any IP address. Restrict it to this computer&apos;s public IP on Binance so that a stolen key is useless elsewhere.</source>
        <translation>Cette clé fonctionne depuis n&apos;importe quelle adresse IP. Sur Binance, limitez-la à l&apos;IP publique de cet ordinateur, pour qu&apos;une clé volée soit inutilisable ailleurs.</translation>
    </message>
    <message>
        <source>This key can trade, but you added it for Ghost bots, which never trade. A read-only key is safer: create one without spot trading.</source>
        <translation>Cette clé peut trader, mais vous l&apos;avez ajoutée pour des bots Ghost, qui ne tradent jamais. Une clé en lecture seule est plus sûre&#xa0;: créez-en une sans le trading au comptant.</translation>
    </message>
    <message>
        <source>You added this key for Trader bots, but spot trading is not enabled on it. Edit the key on Binance and tick &quot;Enable Spot &amp; Margin Trading&quot;.</source>
        <translation>Vous avez ajouté cette clé pour des bots Trader, mais le trading au comptant n&apos;y est pas activé. Modifiez la clé sur Binance et cochez «&#xa0;Activer le trading Spot et sur marge&#xa0;».</translation>
    </message>
    <message>
        <source>Partial check: this platform does not report withdrawal or IP restrictions.</source>
        <translation>Vérification partielle&#xa0;: cette plateforme n&apos;indique pas les restrictions de retrait ni d&apos;adresse IP.</translation>
    </message>
    <message>
        <source>This key has exactly what its bots need.</source>
        <translation>Cette clé a exactement les droits dont ses bots ont besoin.</translation>
    </message>
    <message>
        <source>Binance (public data)</source>
        <translation>Binance (données publiques)</translation>
    </message>
    <message>
        <source>Binance Demo Mode</source>
        <translation>Binance, mode démo</translation>
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
        <source>{summary} (partial check)</source>
        <translation>{summary} (vérification partielle)</translation>
    </message>
    <message>
        <source>Reconciled {count} order with the exchange.</source>
        <translation>{count} ordre rapproché avec la plateforme.</translation>
    </message>
    <message>
        <source>Reconciled {count} orders with the exchange.</source>
        <translation>{count} ordres rapprochés avec la plateforme.</translation>
    </message>
    <message>
        <source>Reconciled {count} order(s) with the exchange.</source>
        <translation>{count} ordre(s) rapproché(s) avec la plateforme.</translation>
    </message>
    <message>
        <source>Stopped before Binance could say whether order {order_id} was placed. The bot asks Binance again when it starts; the order is never sent twice.</source>
        <translation>Arrêté avant que Binance ait pu dire si l&apos;ordre {order_id} a été passé. Le bot interroge de nouveau Binance à son démarrage&#xa0;; l&apos;ordre n&apos;est jamais envoyé deux fois.</translation>
    </message>
    <message>
        <source>Warmed up on {count} recent candles.</source>
        <translation>Indicateurs initialisés sur {count} bougies récentes.</translation>
    </message>
    <message>
        <source>Bought {quantity} {asset} at {price} {quote} (fee {fee} {fee_asset}).</source>
        <translation>Achat effectué&#xa0;: {quantity} {asset} à {price} {quote} (frais {fee} {fee_asset}).</translation>
    </message>
    <message>
        <source>Sold {quantity} {asset} at {price} {quote} (fee {fee} {fee_asset}).</source>
        <translation>Vente effectuée&#xa0;: {quantity} {asset} à {price} {quote} (frais {fee} {fee_asset}).</translation>
    </message>
    <message>
        <source>Order not placed ({reason}): {error}</source>
        <translation>Ordre non passé ({reason})&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Binance blocked requests until {time}; the bot resumes then.</source>
        <translation>Binance bloque les requêtes jusqu&apos;à {time}&#xa0;; le bot reprendra alors.</translation>
    </message>
    <message>
        <source>Binance asked to slow down until {time}; the bot resumes then.</source>
        <translation>Binance a demandé de ralentir jusqu&apos;à {time}&#xa0;; le bot reprendra alors.</translation>
    </message>
    <message>
        <source>Binance accepts requests again; the bot resumes.</source>
        <translation>Binance accepte de nouveau les requêtes&#xa0;; le bot reprend.</translation>
    </message>
    <message>
        <source>Stopped, but the open orders could not be dealt with: unexpected error {error}.</source>
        <translation>Arrêté, mais les ordres ouverts n’ont pas pu être traités&#xa0;: erreur inattendue {error}.</translation>
    </message>
    <message>
        <source>Stop-loss: the protective stop sold {quantity} {asset} at {price} {quote}; position sold and bot stopped.</source>
        <translation>Stop-loss&#xa0;: le stop de protection a vendu {quantity} {asset} à {price} {quote}&#xa0;; position vendue et bot arrêté.</translation>
    </message>
    <message>
        <source>Take-profit: the protective order sold {quantity} {asset} at {price} {quote}.</source>
        <translation>Prise de bénéfice&#xa0;: l&apos;ordre de protection a vendu {quantity} {asset} à {price} {quote}.</translation>
    </message>
    <message>
        <source>Backtest cancelled.</source>
        <translation>Backtest annulé.</translation>
    </message>
    <message>
        <source>Data covers only {days} days ({first} → {last}) of the {asked} days asked.</source>
        <translation>Les données ne couvrent que {days} jours ({first} → {last}) des {asked} jours demandés.</translation>
    </message>
    <message>
        <source>Data covers only {days} days ({first} → {last}) of the year asked.</source>
        <translation>Les données ne couvrent que {days} jours ({first} → {last}) de l&apos;année demandée.</translation>
    </message>
    <message>
        <source>This platform keeps no candle history to download.</source>
        <translation>Cette plateforme ne conserve aucun historique de bougies à télécharger.</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>La date de fin précède la date de début.</translation>
    </message>
    <message>
        <source>Download cancelled; {count} candles were saved.</source>
        <translation>Téléchargement annulé&#xa0;; {count} bougies ont été enregistrées.</translation>
    </message>
    <message>
        <source>Line {line} is not a candle: {text}</source>
        <translation>La ligne {line} n&apos;est pas une bougie&#xa0;: {text}</translation>
    </message>
    <message>
        <source>Line {line}: the high and low prices do not contain the open and close prices.</source>
        <translation>Ligne {line}&#xa0;: les prix d&apos;ouverture et de clôture ne sont pas compris entre le plus bas et le plus haut.</translation>
    </message>
    <message>
        <source>Line {line} has {count} columns; expected 6 (open_time,open,high,low,close,volume) or Binance&apos;s 12.</source>
        <translation>La ligne {line} a {count} colonnes&#xa0;; 6 attendues (open_time,open,high,low,close,volume) ou les 12 de Binance.</translation>
    </message>
    <message>
        <source>The file {file} holds no candle.</source>
        <translation>Le fichier {file} ne contient aucune bougie.</translation>
    </message>
    <message>
        <source>Line {line}: a price with more than 15 significant digits cannot be read exactly.</source>
        <translation>Ligne {line} : un prix de plus de 15 chiffres significatifs ne peut pas être lu exactement.</translation>
    </message>
    <message>
        <source>No {symbol} {interval} candles in that date range. Pick dates the platform has data for.</source>
        <translation>Aucune bougie {symbol} {interval} sur cette période. Choisissez des dates pour lesquelles la plateforme a des données.</translation>
    </message>
    <message>
        <source>Buy {quantity} {asset} at market: {reason}</source>
        <translation>Acheter {quantity} {asset} au marché&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Sell {quantity} {asset} at market: {reason}</source>
        <translation>Vendre {quantity} {asset} au marché&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Buy {quantity} {asset} at {price} {quote} (limit): {reason}</source>
        <translation>Acheter {quantity} {asset} à {price} {quote} (ordre limite)&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Sell {quantity} {asset} at {price} {quote} (limit): {reason}</source>
        <translation>Vendre {quantity} {asset} à {price} {quote} (ordre limite)&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Buy {quantity} {asset} at market ({status}): {reason}</source>
        <translation>Acheter {quantity} {asset} au marché ({status})&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Sell {quantity} {asset} at market ({status}): {reason}</source>
        <translation>Vendre {quantity} {asset} au marché ({status})&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Buy {quantity} {asset} at {price} {quote} (limit, {status}): {reason}</source>
        <translation>Acheter {quantity} {asset} à {price} {quote} (ordre limite, {status})&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Sell {quantity} {asset} at {price} {quote} (limit, {status}): {reason}</source>
        <translation>Vendre {quantity} {asset} à {price} {quote} (ordre limite, {status})&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>outcome not known yet</source>
        <translation>issue encore inconnue</translation>
    </message>
    <message>
        <source>waiting in the order book</source>
        <translation>en attente dans le carnet d&apos;ordres</translation>
    </message>
    <message>
        <source>partly filled</source>
        <translation>partiellement exécuté</translation>
    </message>
    <message>
        <source>filled</source>
        <translation>exécuté</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>being cancelled</source>
        <translation>en cours d&apos;annulation</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejeté</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message>
        <source>expired to avoid a self-trade</source>
        <translation>expiré pour éviter une auto-transaction</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>non envoyé</translation>
    </message>
    <message>
        <source>Cancelled the order to buy {quantity} {asset}: {reason}</source>
        <translation>Ordre d&apos;achat de {quantity} {asset} annulé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Cancelled the order to sell {quantity} {asset}: {reason}</source>
        <translation>Ordre de vente de {quantity} {asset} annulé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>No open order to cancel: {reason}</source>
        <translation>Aucun ordre ouvert à annuler&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>The bot has {left} {asset} left of its budget; this buy needs {needed}.</source>
        <translation>Il reste au bot {left} {asset} de son budget&#xa0;; cet achat en demande {needed}.</translation>
    </message>
    <message>
        <source>{quantity} {asset} (about {value}) is below Binance&apos;s smallest order ({minimum}): it is kept as dust, not sold.</source>
        <translation>{quantity} {asset} (environ {value}) est en dessous du plus petit ordre accepté par Binance ({minimum}) : conservé comme poussière, non vendu.</translation>
    </message>
    <message>
        <source>The bot holds no {asset} to sell.</source>
        <translation>Le bot ne détient aucun {asset} à vendre.</translation>
    </message>
    <message>
        <source>Binance did not execute the order ({status}).</source>
        <translation>Binance n&apos;a pas exécuté l&apos;ordre ({status}).</translation>
    </message>
    <message>
        <source>Binance expired the order: it would have traded with another of your own orders on this market (self-trade prevention). Nothing was bought or sold.</source>
        <translation>Binance a fait expirer l’ordre : il aurait été exécuté contre un autre de vos propres ordres sur ce marché (prévention des auto-transactions). Rien n’a été acheté ni vendu.</translation>
    </message>
    <message>
        <source>Binance has paused trading on {symbol} ({status}); the bot places no order until it resumes.</source>
        <translation>Binance a suspendu les échanges sur {symbol} ({status}) ; le bot ne passe aucun ordre jusqu’à la reprise.</translation>
    </message>
    <message>
        <source>The bot already has {limit} open orders on {symbol}, the most Binance allows.</source>
        <translation>Le bot a déjà {limit} ordres ouverts sur {symbol}, le maximum autorisé par Binance.</translation>
    </message>
    <message>
        <source>Binance expired the order: {reason}.</source>
        <translation>Binance a fait expirer l’ordre : {reason}.</translation>
    </message>
    <message>
        <source>{order} (it had already filled)</source>
        <translation>{order} (il était déjà exécuté)</translation>
    </message>
    <message>
        <source>the price moved outside the range Binance allows around its reference price</source>
        <translation>le prix est sorti de la fourchette que Binance autorise autour de son prix de référence</translation>
    </message>
    <message>
        <source>there was not enough volume in the order book</source>
        <translation>le carnet d’ordres n’avait pas assez de volume</translation>
    </message>
    <message>
        <source>the part that could not fill at once expired</source>
        <translation>la part qui ne pouvait pas être exécutée immédiatement a expiré</translation>
    </message>
    <message>
        <source>it could not fill in full at once</source>
        <translation>il ne pouvait pas être exécuté en totalité immédiatement</translation>
    </message>
    <message>
        <source>Binance cancelled it</source>
        <translation>Binance l’a annulé</translation>
    </message>
    <message>
        <source>Protection on Binance for {quantity} {asset}: {legs}. It works even while the app is closed.</source>
        <translation>Protection sur Binance pour {quantity} {asset}&#xa0;: {legs}. Elle fonctionne même quand l&apos;application est fermée.</translation>
    </message>
    <message>
        <source>Simulated protection for {quantity} {asset}, as Binance would keep it: {legs}.</source>
        <translation>Protection simulée pour {quantity} {asset}, comme Binance la tiendrait&#xa0;: {legs}.</translation>
    </message>
    <message>
        <source>Cancelled the protection of {quantity} {asset} on Binance: {reason}</source>
        <translation>Protection de {quantity} {asset} annulée sur Binance&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Binance refused the protection ({error}); the stop works in the app, only while it runs.</source>
        <translation>Binance a refusé la protection ({error})&#xa0;; le stop fonctionne dans l&apos;application, uniquement pendant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>the position changed.</source>
        <translation>la position a changé.</translation>
    </message>
    <message>
        <source>the bot sells by its strategy.</source>
        <translation>le bot vend selon sa stratégie.</translation>
    </message>
    <message>
        <source>Stop-loss: the price {price} is {percent} % or more below the average entry price {entry}; position sold and bot stopped.</source>
        <translation>Stop-loss&#xa0;: le prix {price} est inférieur d&apos;au moins {percent}&#xa0;% au prix d&apos;entrée moyen {entry}&#xa0;; position vendue et bot arrêté.</translation>
    </message>
    <message>
        <source>Take-profit: the price {price} is {percent} % or more above the average entry price {entry}; position sold.</source>
        <translation>Prise de bénéfices&#xa0;: le prix {price} est supérieur d&apos;au moins {percent}&#xa0;% au prix d&apos;entrée moyen {entry}&#xa0;; position vendue.</translation>
    </message>
    <message>
        <source>Max drawdown: the value {equity} is {drawdown} % below its peak {peak} (limit {limit} %); position sold and bot stopped.</source>
        <translation>Perte max. depuis le pic&#xa0;: la valeur {equity} est inférieure de {drawdown}&#xa0;% à son pic {peak} (limite {limit}&#xa0;%)&#xa0;; position vendue et bot arrêté.</translation>
    </message>
    <message>
        <source>Trailing stop: the price {price} is {percent} % or more below its highest {peak} since the entry; position sold and bot stopped.</source>
        <translation>Stop suiveur&#xa0;: le prix {price} est au moins {percent} % sous son plus haut {peak} depuis l&apos;entrée&#xa0;; position vendue et bot arrêté.</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>The fee is a percentage from 0 to 10 (Binance charges 0.1).</source>
        <translation>Les frais sont un pourcentage de 0 à 10 (Binance prend 0,1).</translation>
    </message>
    <message>
        <source>Dates need a platform to read the history from (the demo is enough).</source>
        <translation>Des dates demandent une plateforme d&apos;où lire l&apos;historique (la démo suffit).</translation>
    </message>
    <message>
        <source>Stop-loss</source>
        <translation>Stop-loss</translation>
    </message>
    <message>
        <source>Take-profit</source>
        <translation>Prise de bénéfices</translation>
    </message>
    <message>
        <source>Max drawdown</source>
        <translation>Repli maximal</translation>
    </message>
    <message>
        <source>Trailing stop</source>
        <translation>Stop suiveur</translation>
    </message>
    <message>
        <source>{label} is required.</source>
        <translation>{label}&#xa0;: valeur obligatoire.</translation>
    </message>
    <message>
        <source>{label} must be a positive number.</source>
        <translation>{label} doit être un nombre positif.</translation>
    </message>
    <message>
        <source>{label} is too large (at most {maximum}).</source>
        <translation>{label} est trop grand ({maximum} au plus).</translation>
    </message>
    <message>
        <source>{label} must be above 0 % and below 100 %.</source>
        <translation>{label} doit être supérieur à 0 % et inférieur à 100 %.</translation>
    </message>
    <message>
        <source>“{platform}” has not been checked yet. Use Test connection in Platforms.</source>
        <translation>«&#xa0;{platform}&#xa0;» n&apos;a pas encore été vérifiée. Utilisez Tester la connexion dans Plateformes.</translation>
    </message>
    <message>
        <source>The key of “{platform}” cannot read your account.</source>
        <translation>La clé de «&#xa0;{platform}&#xa0;» ne peut pas lire votre compte.</translation>
    </message>
    <message>
        <source>The key of “{platform}” cannot trade: Trader bots need a key with spot trading enabled. Create a Ghost bot, or add a trading key.</source>
        <translation>La clé de «&#xa0;{platform}&#xa0;» ne peut pas trader&#xa0;: les bots Trader ont besoin d&apos;une clé avec le trading au comptant activé. Créez un bot Ghost, ou ajoutez une clé de trading.</translation>
    </message>
    <message>
        <source>“{platform}” shows Binance&apos;s public market data, with no key: it cannot place orders. Create a Ghost bot here (paper trading on live prices), or add a Binance platform with a trading key for a Trader bot.</source>
        <translation>« {platform} » montre les données de marché publiques de Binance, sans clé : elle ne peut pas passer d&apos;ordres. Créez-y un bot Ghost (trading sur papier aux prix en direct), ou ajoutez une plateforme Binance avec une clé de trading pour un bot Trader.</translation>
    </message>
    <message>
        <source>The platform of bot “{name}” no longer exists.</source>
        <translation>La plateforme du bot «&#xa0;{name}&#xa0;» n&apos;existe plus.</translation>
    </message>
    <message>
        <source>“{name}” already has orders on {symbol}: its kind, platform and market cannot change. Create a new bot for another market.</source>
        <translation>«&#xa0;{name}&#xa0;» a déjà des ordres sur {symbol}&#xa0;: son type, sa plateforme et son marché ne peuvent plus changer. Créez un nouveau bot pour un autre marché.</translation>
    </message>
    <message>
        <source>Give the bot a name of 1 to {count} characters.</source>
        <translation>Donnez au bot un nom de 1 à {count} caractères.</translation>
    </message>
    <message>
        <source>A grid of {levels} levels keeps up to {levels_less_one} orders open, but Binance allows at most {limit} open orders on {symbol}. Choose fewer levels.</source>
        <translation>Une grille de {levels} niveaux garde jusqu’à {levels_less_one} ordres ouverts, mais Binance en autorise au plus {limit} sur {symbol}. Choisissez moins de niveaux.</translation>
    </message>
    <message>
        <source>The market {symbol} is not trading on Binance right now.</source>
        <translation>Le marché {symbol} est fermé au trading sur Binance en ce moment.</translation>
    </message>
    <message>
        <source>The budget {budget} {asset} is below the smallest order Binance accepts on {symbol} at the current price ({minimum} {quote}).</source>
        <translation>Le budget {budget} {asset} est inférieur au plus petit ordre que Binance accepte sur {symbol} au prix actuel ({minimum} {quote}).</translation>
    </message>
    <message>
        <source>The grid from {lower} to {upper} {quote} does not contain the current {symbol} price, {price} {price_quote}: set the lower price below it and the upper price above it.</source>
        <translation>La grille de {lower} à {upper} {quote} ne contient pas le prix actuel de {symbol}, {price} {price_quote} : mettez le prix bas en dessous et le prix haut au-dessus.</translation>
    </message>
    <message>
        <source>The amount per level, {amount} {quote}, is below the smallest order Binance accepts on {symbol} ({minimum} {minimum_quote}).</source>
        <translation>Le montant par niveau, {amount} {quote}, est inférieur au plus petit ordre que Binance accepte sur {symbol} ({minimum} {minimum_quote}).</translation>
    </message>
    <message>
        <source>A grid of {levels} levels buys on up to {orders} levels of {amount} {quote} each: that needs a budget of {needed} {needed_quote}, more than the budget of {budget} {budget_quote}.</source>
        <translation>Une grille de {levels} niveaux achète sur jusqu&apos;à {orders} niveaux de {amount} {quote} chacun : il faut un budget de {needed} {needed_quote}, plus que le budget de {budget} {budget_quote}.</translation>
    </message>
    <message>
        <source>{platform}: banned for too many requests until {time}</source>
        <translation>{platform}&#xa0;: accès bloqué (trop de requêtes) jusqu&apos;à {time}</translation>
    </message>
    <message>
        <source>{platform}: paused by the rate limit until {time}</source>
        <translation>{platform}&#xa0;: en pause (limite de requêtes) jusqu&apos;à {time}</translation>
    </message>
    <message>
        <source>{platform}: reconnecting ({up} of {total} streams up)</source>
        <translation>{platform}&#xa0;: reconnexion ({up} flux actifs sur {total})</translation>
    </message>
    <message>
        <source>{platform}: reconnecting ({up} of {total} streams up) · weight {weight} %</source>
        <translation>{platform}&#xa0;: reconnexion ({up} flux actifs sur {total}) · poids {weight}&#xa0;%</translation>
    </message>
    <message>
        <source>{platform}: connected</source>
        <translation>{platform}&#xa0;: en ligne</translation>
    </message>
    <message>
        <source>{platform}: connected · weight {weight} %</source>
        <translation>{platform}&#xa0;: en ligne · poids {weight}&#xa0;%</translation>
    </message>
    <message>
        <source>no secure keychain backend was found</source>
        <translation>aucun service de trousseau sécurisé n&apos;a été trouvé</translation>
    </message>
    <message>
        <source>the only keychain backend available is {backend}, which is not secure</source>
        <translation>le seul service de trousseau disponible est {backend}, qui n&apos;est pas sécurisé</translation>
    </message>
    <message>
        <source>the keychain backend {backend} is not usable here</source>
        <translation>le service de trousseau {backend} n&apos;est pas utilisable ici</translation>
    </message>
    <message>
        <source>Your API keys cannot be stored safely: {problem}. Install and unlock a Secret Service keychain (GNOME Keyring or KDE Wallet), for example with &apos;sudo apt install gnome-keyring&apos;, then log out and in again. Crypty Desktop never writes keys to a plain file.</source>
        <translation>Vos clés API ne peuvent pas être stockées en sécurité&#xa0;: {problem}. Installez et déverrouillez un trousseau Secret Service (GNOME Keyring ou KDE Wallet), par exemple avec &apos;sudo apt install gnome-keyring&apos;, puis déconnectez-vous et reconnectez-vous. Crypty Desktop n&apos;écrit jamais les clés dans un simple fichier.</translation>
    </message>
    <message>
        <source>Your API keys cannot be stored safely: {problem}. The macOS Keychain should be available; check that your login keychain is unlocked. Crypty Desktop never writes keys to a plain file.</source>
        <translation>Vos clés API ne peuvent pas être stockées en sécurité&#xa0;: {problem}. Le trousseau macOS devrait être disponible&#xa0;; vérifiez que votre trousseau «&#xa0;session&#xa0;» est déverrouillé. Crypty Desktop n&apos;écrit jamais les clés dans un simple fichier.</translation>
    </message>
    <message>
        <source>Your API keys cannot be stored safely: {problem}. The Windows Credential Manager should be available; check your Windows account. Crypty Desktop never writes keys to a plain file.</source>
        <translation>Vos clés API ne peuvent pas être stockées en sécurité&#xa0;: {problem}. Le Gestionnaire d&apos;identification Windows devrait être disponible&#xa0;; vérifiez votre compte Windows. Crypty Desktop n&apos;écrit jamais les clés dans un simple fichier.</translation>
    </message>
    <message>
        <source>The keychain refused to store the key ({error}). Unlock your keychain and try again.</source>
        <translation>Le trousseau a refusé d&apos;enregistrer la clé ({error}). Déverrouillez votre trousseau et réessayez.</translation>
    </message>
    <message>
        <source>The keychain could not be read ({error}). Unlock your keychain and try again.</source>
        <translation>Le trousseau n&apos;a pas pu être lu ({error}). Déverrouillez votre trousseau et réessayez.</translation>
    </message>
    <message>
        <source>This platform&apos;s key is missing from the keychain. Edit the platform and enter the key again.</source>
        <translation>La clé de cette plateforme est absente du trousseau. Modifiez la plateforme et saisissez de nouveau la clé.</translation>
    </message>
    <message>
        <source>The keychain could not delete the key ({error}).</source>
        <translation>Le trousseau n&apos;a pas pu supprimer la clé ({error}).</translation>
    </message>
    <message>
        <source>stopped by you</source>
        <translation>arrêté par vous</translation>
    </message>
    <message>
        <source>stopped by you (Stop all)</source>
        <translation>arrêté par vous (Tout arrêter)</translation>
    </message>
    <message>
        <source>paused by you</source>
        <translation>mis en pause par vous</translation>
    </message>
    <message>
        <source>stopped: the app was closed</source>
        <translation>arrêté&#xa0;: l&apos;application a été fermée</translation>
    </message>
    <message>
        <source>was running when the app closed</source>
        <translation>tournait à la fermeture de l&apos;application</translation>
    </message>
    <message>
        <source>stopped (the command was interrupted)</source>
        <translation>arrêté (la commande a été interrompue)</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>Erreur inattendue&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Resumed when the app started.</source>
        <translation>Relancé au démarrage de l&apos;application.</translation>
    </message>
    <message>
        <source>Resumed when the app started. This Trader bot was confirmed when it was first started, so it was not asked again.</source>
        <translation>Relancé au démarrage de l&apos;application. Ce bot Trader a été confirmé lors de son premier démarrage, la question n&apos;a donc pas été reposée.</translation>
    </message>
    <message>
        <source>The order quantity must be more than zero.</source>
        <translation>La quantité de l&apos;ordre doit être supérieure à zéro.</translation>
    </message>
    <message>
        <source>A limit order needs a price above zero.</source>
        <translation>Un ordre limite demande un prix supérieur à zéro.</translation>
    </message>
    <message>
        <source>The current {symbol} price is needed to check a market order&apos;s value.</source>
        <translation>Le prix actuel de {symbol} est nécessaire pour vérifier la valeur d&apos;un ordre au marché.</translation>
    </message>
    <message>
        <source>The price must be above zero.</source>
        <translation>Le prix doit être supérieur à zéro.</translation>
    </message>
    <message>
        <source>The price must be above zero ({symbol}).</source>
        <translation>Le prix doit être supérieur à zéro ({symbol}).</translation>
    </message>
    <message>
        <source>No {symbol} order is possible at {price} {quote}: the largest allowed order is too small to reach the minimum value.</source>
        <translation>Aucun ordre {symbol} n&apos;est possible à {price} {quote}&#xa0;: le plus grand ordre autorisé est trop petit pour atteindre la valeur minimale.</translation>
    </message>
    <message>
        <source>{symbol} is not trading right now (Binance status: {status}). No order can be placed until trading resumes.</source>
        <translation>{symbol} n&apos;est pas négocié en ce moment (statut Binance&#xa0;: {status}). Aucun ordre ne peut être passé avant la reprise des échanges.</translation>
    </message>
    <message>
        <source>The price {price} {quote} is below Binance&apos;s minimum price for {symbol}, {minimum} {minimum_quote}.</source>
        <translation>Le prix {price} {quote} est inférieur au prix minimum de Binance pour {symbol}, {minimum} {minimum_quote}.</translation>
    </message>
    <message>
        <source>The price {price} {quote} is above Binance&apos;s maximum price for {symbol}, {maximum} {maximum_quote}.</source>
        <translation>Le prix {price} {quote} est supérieur au prix maximum de Binance pour {symbol}, {maximum} {maximum_quote}.</translation>
    </message>
    <message>
        <source>The price {price} {quote} is not a whole number of {symbol}&apos;s price steps ({tick} {tick_quote}).</source>
        <translation>Le prix {price} {quote} n&apos;est pas un multiple entier du pas de prix de {symbol} ({tick} {tick_quote}).</translation>
    </message>
    <message>
        <source>This order is for {quantity} {base}; Binance&apos;s minimum for {symbol} is {minimum} {minimum_base}.</source>
        <translation>Cet ordre porte sur {quantity} {base}&#xa0;; le minimum de Binance pour {symbol} est {minimum} {minimum_base}.</translation>
    </message>
    <message>
        <source>This order is for {quantity} {base}; Binance&apos;s maximum for {symbol} is {maximum} {maximum_base}.</source>
        <translation>Cet ordre porte sur {quantity} {base}&#xa0;; le maximum de Binance pour {symbol} est {maximum} {maximum_base}.</translation>
    </message>
    <message>
        <source>The quantity {quantity} {base} is not a whole number of {symbol}&apos;s quantity steps ({step} {step_base}).</source>
        <translation>La quantité {quantity} {base} n&apos;est pas un multiple entier du pas de quantité de {symbol} ({step} {step_base}).</translation>
    </message>
    <message>
        <source>This order is worth {value} {quote}; Binance&apos;s minimum for {symbol} is {minimum} {minimum_quote}.</source>
        <translation>Cet ordre vaut {value} {quote}&#xa0;; le minimum de Binance pour {symbol} est {minimum} {minimum_quote}.</translation>
    </message>
    <message>
        <source>This order is worth {value} {quote}; Binance&apos;s maximum for {symbol} is {maximum} {maximum_quote}.</source>
        <translation>Cet ordre vaut {value} {quote}&#xa0;; le maximum de Binance pour {symbol} est {maximum} {maximum_quote}.</translation>
    </message>
    <message>
        <source>The price {price} {quote} is below {symbol}&apos;s price step.</source>
        <translation>Le prix {price} {quote} est inférieur au pas de prix de {symbol}.</translation>
    </message>
    <message>
        <source>Unknown candle interval “{interval}”.</source>
        <translation>Intervalle de bougies inconnu&#xa0;: «&#xa0;{interval}&#xa0;».</translation>
    </message>
    <message>
        <source>The private key could not be read. Generate a new key pair, or paste the Ed25519 private key again (PEM format).</source>
        <translation>La clé privée n&apos;a pas pu être lue. Générez une nouvelle paire de clés, ou collez de nouveau la clé privée Ed25519 (format PEM).</translation>
    </message>
    <message>
        <source>Binance sent an answer the app could not read.</source>
        <translation>Binance a envoyé une réponse que l&apos;application n&apos;a pas pu lire.</translation>
    </message>
    <message>
        <source>Binance sent candles the app could not read. Try again later.</source>
        <translation>Binance a envoyé des bougies que l&apos;application n&apos;a pas pu lire. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Binance sent trading rules the app could not read. Try again later.</source>
        <translation>Binance a envoyé des règles de trading que l&apos;application n&apos;a pas pu lire. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Binance sent a price the app could not read. Try again later.</source>
        <translation>Binance a envoyé un prix que l&apos;application n&apos;a pas pu lire. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Binance sent an order the app could not read. Try again later.</source>
        <translation>Binance a envoyé un ordre que l&apos;application n&apos;a pas pu lire. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Binance sent an order status the app could not read. Try again later.</source>
        <translation>Binance a envoyé un statut d&apos;ordre que l&apos;application n&apos;a pas pu lire. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Binance sent an order fill the app could not read. Try again later.</source>
        <translation>Binance a envoyé une exécution d&apos;ordre que l&apos;application n&apos;a pas pu lire. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Binance sent a trade the app could not read. Try again later.</source>
        <translation>Binance a envoyé une transaction que l&apos;application n&apos;a pas pu lire. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Binance does not list the market {symbol}.</source>
        <translation>Binance ne propose pas le marché {symbol}.</translation>
    </message>
    <message>
        <source>Binance could not be reached. Check your internet connection (and any firewall or proxy), then try again. If the connection is fine, Binance may be down for maintenance.</source>
        <translation>Binance est injoignable. Vérifiez votre connexion internet (ainsi que tout pare-feu ou proxy), puis réessayez. Si la connexion fonctionne, Binance est peut-être en maintenance.</translation>
    </message>
    <message>
        <source>The connection to Binance broke before it answered, so it is not known whether the order reached Binance. The app will look it up before doing anything else; do not re-send it.</source>
        <translation>La connexion à Binance a été coupée avant sa réponse&#xa0;: on ne sait donc pas si l&apos;ordre est parvenu à Binance. L&apos;application va le vérifier avant toute autre action&#xa0;; ne le renvoyez pas.</translation>
    </message>
    <message>
        <source>Binance already has an open order with this order id, so the order was not placed twice. The app will look that order up instead of sending it again.</source>
        <translation>Binance a déjà un ordre ouvert avec cet identifiant&#xa0;: l&apos;ordre n&apos;a donc pas été passé deux fois. L&apos;application va rechercher cet ordre au lieu de l&apos;envoyer de nouveau.</translation>
    </message>
    <message>
        <source>Binance refused the key: it is wrong, revoked, or restricted to another IP address (your current IP may have changed). Check the Access Key, and on Binance&apos;s API Management page check that the key still exists and that its trusted IP list includes this computer&apos;s public IP.</source>
        <translation>Binance a refusé la clé&#xa0;: elle est erronée, révoquée ou limitée à une autre adresse IP (votre IP actuelle a peut-être changé). Vérifiez la clé d&apos;accès et, sur la page Gestion API de Binance, vérifiez que la clé existe toujours et que sa liste d&apos;IP de confiance contient l&apos;IP publique de cet ordinateur.</translation>
    </message>
    <message>
        <source>Binance refused the key: the Access Key is not in the format Binance issues. Copy it again from Binance&apos;s API Management page, without spaces or other characters.</source>
        <translation>Binance a refusé la clé&#xa0;: la clé d&apos;accès n&apos;est pas au format délivré par Binance. Copiez-la de nouveau depuis la page Gestion API de Binance, sans espaces ni autres caractères.</translation>
    </message>
    <message>
        <source>Binance refused the signature: the Secret Key does not belong to this Access Key. Copy the Secret Key again (Binance shows it only once; if it is lost, create a new key).</source>
        <translation>Binance a refusé la signature&#xa0;: la clé secrète ne correspond pas à cette clé d&apos;accès. Copiez de nouveau la clé secrète (Binance ne l&apos;affiche qu&apos;une fois&#xa0;; si elle est perdue, créez une nouvelle clé).</translation>
    </message>
    <message>
        <source>Binance refused the signature: this private key does not match the public key registered for this Access Key on Binance. Register this computer&apos;s public key again, or paste the matching private key.</source>
        <translation>Binance a refusé la signature&#xa0;: cette clé privée ne correspond pas à la clé publique enregistrée sur Binance pour cette clé d&apos;accès. Enregistrez de nouveau la clé publique de cet ordinateur, ou collez la clé privée correspondante.</translation>
    </message>
    <message>
        <source>{reason} Testnet keys come from testnet.binance.vision and only work on the testnet; live keys only work on live Binance.</source>
        <translation>{reason} Les clés du testnet proviennent de testnet.binance.vision et ne fonctionnent que sur le testnet&#xa0;; les clés réelles ne fonctionnent que sur le vrai Binance.</translation>
    </message>
    <message>
        <source>Binance refused the request because this computer&apos;s clock is not right, and correcting for it did not help. Turn on automatic date and time (Windows: Settings › Time &amp; language › Set time automatically; macOS: System Settings › General › Date &amp; Time; Linux: &apos;timedatectl set-ntp true&apos;), then try again.</source>
        <translation>Binance a refusé la requête car l&apos;horloge de cet ordinateur n&apos;est pas à l&apos;heure, et la correction n&apos;a pas suffi. Activez le réglage automatique de la date et de l&apos;heure (Windows&#xa0;: Paramètres › Heure et langue › Régler l&apos;heure automatiquement&#xa0;; macOS&#xa0;: Réglages Système › Général › Date et heure&#xa0;; Linux&#xa0;: &apos;timedatectl set-ntp true&apos;), puis réessayez.</translation>
    </message>
    <message>
        <source>Binance refused the request because this computer&apos;s clock is not right, and correcting for it did not help. {offset} Turn on automatic date and time (Windows: Settings › Time &amp; language › Set time automatically; macOS: System Settings › General › Date &amp; Time; Linux: &apos;timedatectl set-ntp true&apos;), then try again.</source>
        <translation>Binance a refusé la requête car l&apos;horloge de cet ordinateur n&apos;est pas à l&apos;heure, et la correction n&apos;a pas suffi. {offset} Activez le réglage automatique de la date et de l&apos;heure (Windows&#xa0;: Paramètres › Heure et langue › Régler l&apos;heure automatiquement&#xa0;; macOS&#xa0;: Réglages Système › Général › Date et heure&#xa0;; Linux&#xa0;: &apos;timedatectl set-ntp true&apos;), puis réessayez.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {amount} behind Binance&apos;s time.</source>
        <translation>L&apos;horloge de cet ordinateur retarde de {amount} sur l&apos;heure de Binance.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {amount} ahead of Binance&apos;s time.</source>
        <translation>L&apos;horloge de cet ordinateur avance de {amount} sur l&apos;heure de Binance.</translation>
    </message>
    <message>
        <source>The account does not hold enough of this asset for the order (free balance, not counting amounts locked in open orders).</source>
        <translation>Le compte ne détient pas assez de cet actif pour l&apos;ordre (solde disponible, hors montants bloqués dans des ordres ouverts).</translation>
    </message>
    <message>
        <source>Binance rejected the order: {binance_message}</source>
        <translation>Binance a rejeté l&apos;ordre&#xa0;: {binance_message}</translation>
    </message>
    <message>
        <source>Binance does not list this market (symbol).</source>
        <translation>Binance ne propose pas ce marché (symbole).</translation>
    </message>
    <message>
        <source>Binance has no order with this id.</source>
        <translation>Binance n&apos;a aucun ordre avec cet identifiant.</translation>
    </message>
    <message>
        <source>Binance has no open order with this id to cancel.</source>
        <translation>Binance n&apos;a aucun ordre ouvert avec cet identifiant à annuler.</translation>
    </message>
    <message>
        <source>Binance does not offer candles of this interval.</source>
        <translation>Binance ne propose pas de bougies de cet intervalle.</translation>
    </message>
    <message>
        <source>Binance has banned this IP address for a while because too many requests were sent. Requests can resume after {time} UTC.</source>
        <translation>Binance a bloqué cette adresse IP pour un temps, car trop de requêtes ont été envoyées. Les requêtes pourront reprendre après {time} UTC.</translation>
    </message>
    <message>
        <source>Binance asked the app to slow down. Try again in {seconds} s.</source>
        <translation>Binance a demandé à l&apos;application de ralentir. Réessayez dans {seconds}&#xa0;s.</translation>
    </message>
    <message>
        <source>Binance had a problem on its side (HTTP {status}). Try again in a few minutes.</source>
        <translation>Binance a rencontré un problème de son côté (HTTP {status}). Réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <source>Binance&apos;s firewall refused the request. Wait a few minutes, then try again.</source>
        <translation>Le pare-feu de Binance a refusé la requête. Attendez quelques minutes, puis réessayez.</translation>
    </message>
    <message>
        <source>Binance does not offer this service at this address (HTTP 404).</source>
        <translation>Binance ne propose pas ce service à cette adresse (HTTP 404).</translation>
    </message>
    <message>
        <source>Binance refused the request (code {code}).</source>
        <translation>Binance a refusé la requête (code {code}).</translation>
    </message>
    <message>
        <source>Market data is shut down.</source>
        <translation>Les données de marché sont arrêtées.</translation>
    </message>
    <message>
        <source>Order {order_id} was not placed: {reason}</source>
        <translation>L&apos;ordre {order_id} n&apos;a pas été passé&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Order {order_id} was refused; it was not placed.</source>
        <translation>L&apos;ordre {order_id} a été refusé&#xa0;; il n&apos;a pas été passé.</translation>
    </message>
    <message>
        <source>The exchange never received this order, and can no longer accept it; the bot decides again from fresh prices.</source>
        <translation>La plateforme n’a jamais reçu cet ordre et ne peut plus l’accepter ; le bot décidera à nouveau à partir de prix récents.</translation>
    </message>
    <message>
        <source>Binance has not confirmed whether order {order_id} was placed. It stays pending and will be checked again before the bot places any other order; it will not be sent twice.</source>
        <translation>Binance n&apos;a pas confirmé si l&apos;ordre {order_id} a été passé. Il reste en attente et sera vérifié de nouveau avant que le bot passe tout autre ordre&#xa0;; il ne sera pas envoyé deux fois.</translation>
    </message>
    <message>
        <source>Binance could not be asked about order {order_id}. The bot will not trade until it can check.</source>
        <translation>Impossible d&apos;interroger Binance sur l&apos;ordre {order_id}. Le bot ne tradera pas tant qu&apos;il ne pourra pas vérifier.</translation>
    </message>
    <message>
        <source>Binance could not be asked whether order {order_id} was cancelled: it may still be open on Binance, and stays open in the records until Binance says.</source>
        <translation>Impossible de demander à Binance si l&apos;ordre {order_id} a été annulé : il est peut-être toujours ouvert sur Binance, et reste ouvert dans les registres jusqu&apos;à ce que Binance réponde.</translation>
    </message>
    <message>
        <source>Binance has banned this IP address for sending too many requests, until {time}. Bots will resume after that.</source>
        <translation>Binance a bloqué cette adresse IP pour envoi de trop nombreuses requêtes, jusqu&apos;à {time}. Les bots reprendront ensuite.</translation>
    </message>
    <message>
        <source>Binance asked to slow down; requests are paused for {seconds} s to avoid a ban.</source>
        <translation>Binance a demandé de ralentir&#xa0;; les requêtes sont suspendues pendant {seconds}&#xa0;s pour éviter un blocage.</translation>
    </message>
    <message>
        <source>The exchange rejected the order: an open order already uses the client order id {order_id}.</source>
        <translation>La plateforme a rejeté l&apos;ordre&#xa0;: un ordre ouvert utilise déjà l&apos;identifiant client {order_id}.</translation>
    </message>
    <message>
        <source>The exchange has no open {symbol} order {order_id} to cancel.</source>
        <translation>La plateforme n&apos;a aucun ordre {symbol} {order_id} ouvert à annuler.</translation>
    </message>
    <message>
        <source>Not enough {asset} for this order: it needs {needed} and {free} is free (amounts held by open orders are locked).</source>
        <translation>Pas assez de {asset} pour cet ordre&#xa0;: il en faut {needed} et {free} est disponible (les montants réservés par des ordres ouverts sont bloqués).</translation>
    </message>
    <message>
        <source>The simulated exchange has no {symbol} market. It offers: {symbols}.</source>
        <translation>La plateforme simulée n&apos;a pas de marché {symbol}. Elle propose&#xa0;: {symbols}.</translation>
    </message>
    <message>
        <source>The simulated exchange has no {interval} candles for {symbol}. Available: {intervals}.</source>
        <translation>La plateforme simulée n&apos;a pas de bougies {interval} pour {symbol}. Disponibles&#xa0;: {intervals}.</translation>
    </message>
    <message>
        <source>A candle request must ask for 1 to {limit} candles.</source>
        <translation>Une requête de bougies doit demander de 1 à {limit} bougies.</translation>
    </message>
    <message>
        <source>The simulated market has no {symbol} price yet at this simulated time.</source>
        <translation>Le marché simulé n&apos;a pas encore de prix {symbol} à cet instant simulé.</translation>
    </message>
    <message>
        <source>Binance asked the app to slow down; requests resume in {seconds} s.</source>
        <translation>Binance a demandé à l&apos;application de ralentir&#xa0;; les requêtes reprennent dans {seconds}&#xa0;s.</translation>
    </message>
    <message>
        <source>Binance blocked requests from this computer for sending too many; they resume in {minutes} min.</source>
        <translation>Binance a bloqué les requêtes de cet ordinateur, trop nombreuses&#xa0;; elles reprennent dans {minutes}&#xa0;min.</translation>
    </message>
    <message>
        <source>Offline demo exchange: no key and no real money involved.</source>
        <translation>Plateforme de démo hors ligne&#xa0;: ni clé ni argent réel en jeu.</translation>
    </message>
    <message>
        <source>Binance&apos;s public market data: live prices with no key. Ghost bots, charts and backtests only; no order can be placed.</source>
        <translation>Données de marché publiques de Binance : les prix en direct, sans clé. Bots Ghost, graphiques et backtests seulement ; aucun ordre ne peut être passé.</translation>
    </message>
    <message>
        <source>Give the platform a name, for example “Binance Ghost”.</source>
        <translation>Donnez un nom à la plateforme, par exemple «&#xa0;Binance Ghost&#xa0;».</translation>
    </message>
    <message>
        <source>The name is too long (at most {count} characters).</source>
        <translation>Le nom est trop long ({count} caractères au plus).</translation>
    </message>
    <message>
        <source>Paste the API Key that Binance showed you into “Access Key”.</source>
        <translation>Collez la clé API (API Key) que Binance vous a affichée dans «&#xa0;Clé d&apos;accès&#xa0;».</translation>
    </message>
    <message>
        <source>The Access Key should be letters and digits only, as Binance shows it. Check that nothing else was pasted with it.</source>
        <translation>La clé d&apos;accès ne doit contenir que des lettres et des chiffres, comme Binance l&apos;affiche. Vérifiez que rien d&apos;autre n&apos;a été collé avec.</translation>
    </message>
    <message>
        <source>Generate a key pair first, or paste your Ed25519 private key.</source>
        <translation>Générez d&apos;abord une paire de clés, ou collez votre clé privée Ed25519.</translation>
    </message>
    <message>
        <source>Paste the Secret Key that Binance showed you into “Secret Key”.</source>
        <translation>Collez la clé secrète (Secret Key) que Binance vous a affichée dans «&#xa0;Clé secrète&#xa0;».</translation>
    </message>
    <message>
        <source>The private key is not a valid Ed25519 key in PEM format.</source>
        <translation>La clé privée n&apos;est pas une clé Ed25519 valide au format PEM.</translation>
    </message>
    <message>
        <source>The Secret Key should be letters and digits only, as Binance shows it. Check that nothing else was pasted with it.</source>
        <translation>La clé secrète ne doit contenir que des lettres et des chiffres, comme Binance l&apos;affiche. Vérifiez que rien d&apos;autre n&apos;a été collé avec.</translation>
    </message>
    <message>
        <source>A platform named “{name}” already exists. Choose another name.</source>
        <translation>Une plateforme nommée «&#xa0;{name}&#xa0;» existe déjà. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>A Binance platform needs an Access Key and a Secret Key.</source>
        <translation>Une plateforme Binance a besoin d&apos;une clé d&apos;accès et d&apos;une clé secrète.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was saved.</source>
        <translation>Annulé&#xa0;: rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>The daily loss limit is an amount greater than 0 in the bots&apos; quote asset (for example 50), or “off”.</source>
        <translation>La limite de perte journalière est un montant supérieur à 0 dans l’actif de cotation des bots (par exemple 50), ou « off ».</translation>
    </message>
    <message>
        <source>The most this platform&apos;s Trader bots may lose together in a UTC day, open positions counted at market value. When their loss reaches it, they are all stopped, their open orders cancelled and what they hold sold at market, once that day.</source>
        <translation>Le maximum que les bots Trader de cette plateforme peuvent perdre ensemble en un jour UTC, positions ouvertes comptées à leur valeur de marché. Quand leur perte l’atteint, ils sont tous arrêtés, leurs ordres ouverts annulés et ce qu’ils détiennent vendu au marché, une fois ce jour-là.</translation>
    </message>
    <message>
        <source>Bots of “{platform}” are running ({bots}) and sign their requests with the current key. Stop them first, then change the key; nothing was changed.</source>
        <translation>Des bots de « {platform} » tournent ({bots}) et signent leurs requêtes avec la clé actuelle. Arrêtez-les d’abord, puis changez la clé ; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>{problem} You can also find it in Binance&apos;s “Edit restrictions” dialog, on your router&apos;s administration page, or on any “what is my IP” website opened on this computer.</source>
        <translation>{problem} Vous pouvez aussi la trouver dans la fenêtre «&#xa0;Modifier les restrictions&#xa0;» de Binance, sur la page d&apos;administration de votre box, ou sur n&apos;importe quel site «&#xa0;quelle est mon IP&#xa0;» ouvert sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The address service gave an answer that is not an IP address, so your public IP could not be found.</source>
        <translation>Le service d&apos;adresse a donné une réponse qui n&apos;est pas une adresse IP&#xa0;: votre IP publique est donc introuvable.</translation>
    </message>
    <message>
        <source>The address service answered with an error (HTTP {status}), so your public IP could not be found. Try again later.</source>
        <translation>Le service d&apos;adresse a répondu par une erreur (HTTP {status})&#xa0;: votre IP publique est donc introuvable. Réessayez plus tard.</translation>
    </message>
    <message>
        <source>Your public IP could not be found: the address service could not be reached. Check your internet connection and try again.</source>
        <translation>Votre IP publique est introuvable&#xa0;: le service d&apos;adresse est injoignable. Vérifiez votre connexion internet et réessayez.</translation>
    </message>
    <message>
        <source>A bot named “{name}” already exists.</source>
        <translation>Un bot nommé «&#xa0;{name}&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>No bot with id {bot_id}.</source>
        <translation>Aucun bot avec l&apos;identifiant {bot_id}.</translation>
    </message>
    <message>
        <source>There is no bot named “{name}”.</source>
        <translation>Il n&apos;y a aucun bot nommé «&#xa0;{name}&#xa0;».</translation>
    </message>
    <message>
        <source>The platform of bot “{name}” was removed meanwhile: nothing was saved.</source>
        <translation>La plateforme du bot « {name} » a été supprimée entre-temps : rien n’a été enregistré.</translation>
    </message>
    <message>
        <source>Settings changed: {changes}.</source>
        <translation>Paramètres modifiés&#xa0;: {changes}.</translation>
    </message>
    <message>
        <source>No platform with id {platform_id}.</source>
        <translation>Aucune plateforme avec l&apos;identifiant {platform_id}.</translation>
    </message>
    <message>
        <source>There is no platform named “{name}”.</source>
        <translation>Il n&apos;y a aucune plateforme nommée «&#xa0;{name}&#xa0;».</translation>
    </message>
    <message>
        <source>“{name}” still has bots ({bots}). A bot stays on the platform it was made on: remove those bots first, then remove the platform.</source>
        <translation>« {name} » a encore des bots ({bots}). Un bot reste sur la plateforme où il a été créé : supprimez d’abord ces bots, puis la plateforme.</translation>
    </message>
    <message>
        <source>{label}: “{value}” is not a valid value.</source>
        <translation>{label}&#xa0;: «&#xa0;{value}&#xa0;» n&apos;est pas une valeur valide.</translation>
    </message>
    <message>
        <source>{label} must be at least {minimum} candles.</source>
        <translation>{label} doit être d&apos;au moins {minimum} bougies.</translation>
    </message>
    <message>
        <source>{label} must be at most {maximum} candles.</source>
        <translation>{label} doit être d&apos;au plus {maximum} bougies.</translation>
    </message>
    <message>
        <source>{label} must be at least {minimum} %.</source>
        <translation>{label} doit être d&apos;au moins {minimum}&#xa0;%.</translation>
    </message>
    <message>
        <source>{label} must be at most {maximum} %.</source>
        <translation>{label} doit être d&apos;au plus {maximum}&#xa0;%.</translation>
    </message>
    <message>
        <source>{label} must be at least {minimum}.</source>
        <translation>{label} doit être d&apos;au moins {minimum}.</translation>
    </message>
    <message>
        <source>{label} must be at most {maximum}.</source>
        <translation>{label} doit être d&apos;au plus {maximum}.</translation>
    </message>
    <message>
        <source>{strategy} has no parameter named {names}.</source>
        <translation>{strategy} n&apos;a pas de paramètre nommé {names}.</translation>
    </message>
    <message>
        <source>take profit: {price} is {percent} % or more above the average buying price {average}</source>
        <translation>prise de bénéfices&#xa0;: {price} est supérieur d&apos;au moins {percent}&#xa0;% au prix d&apos;achat moyen {average}</translation>
    </message>
    <message>
        <source>safety order {number} of {count}: {price} is {percent} % or more below the average buying price {average}</source>
        <translation>ordre de sécurité {number} sur {count}&#xa0;: {price} est inférieur d&apos;au moins {percent}&#xa0;% au prix d&apos;achat moyen {average}</translation>
    </message>
    <message>
        <source>first buy of the cycle</source>
        <translation>premier achat du cycle</translation>
    </message>
    <message>
        <source>regular buy: 1 candle since the last one</source>
        <translation>achat régulier&#xa0;: 1 bougie depuis le précédent</translation>
    </message>
    <message>
        <source>regular buy: {count} candles since the last one</source>
        <translation>achat régulier&#xa0;: {count} bougies depuis le précédent</translation>
    </message>
    <message>
        <source>buy on a drop: {price} is {percent} % or more below the last buy at {last}</source>
        <translation>achat sur baisse&#xa0;: {price} est inférieur d&apos;au moins {percent}&#xa0;% au dernier achat à {last}</translation>
    </message>
    <message>
        <source>Amount per buy must be more than 0.</source>
        <translation>Le montant par achat doit être supérieur à 0.</translation>
    </message>
    <message>
        <source>Choose when to buy: every so many candles, on a price drop, or both.</source>
        <translation>Choisissez quand acheter&#xa0;: toutes les N bougies, sur une baisse du prix, ou les deux.</translation>
    </message>
    <message>
        <source>DCA</source>
        <translation>DCA</translation>
    </message>
    <message>
        <source>Amount per buy</source>
        <translation>Montant par achat</translation>
    </message>
    <message>
        <source>Buy every</source>
        <translation>Acheter toutes les</translation>
    </message>
    <message>
        <source>Buy on a drop of</source>
        <translation>Acheter sur une baisse de</translation>
    </message>
    <message>
        <source>Take profit at</source>
        <translation>Prendre le bénéfice à</translation>
    </message>
    <message>
        <source>Safety orders</source>
        <translation>Ordres de sécurité</translation>
    </message>
    <message>
        <source>Safety order when down</source>
        <translation>Ordre de sécurité à la baisse de</translation>
    </message>
    <message>
        <source>Safety order size factor</source>
        <translation>Facteur de taille des ordres de sécurité</translation>
    </message>
    <message>
        <source>grid level {level} of {count}: buy at {price}</source>
        <translation>niveau {level} sur {count} de la grille&#xa0;: achat à {price}</translation>
    </message>
    <message>
        <source>grid level {level} of {count}: sell at {price} what level {below} bought</source>
        <translation>niveau {level} sur {count} de la grille&#xa0;: vente à {price} de ce que le niveau {below} a acheté</translation>
    </message>
    <message>
        <source>grid level {level} of {count}: more was bought, the sale is placed again for all of it</source>
        <translation>niveau {level} sur {count} de la grille&#xa0;: des achats supplémentaires ont eu lieu, la vente est replacée pour la totalité</translation>
    </message>
    <message>
        <source>Lower price must be more than 0.</source>
        <translation>Le prix bas doit être supérieur à 0.</translation>
    </message>
    <message>
        <source>Upper price ({upper}) must be above the lower price ({lower}).</source>
        <translation>Le prix haut ({upper}) doit être supérieur au prix bas ({lower}).</translation>
    </message>
    <message>
        <source>The range is too narrow for that many levels.</source>
        <translation>La fourchette est trop étroite pour autant de niveaux.</translation>
    </message>
    <message>
        <source>Amount per level must be more than 0.</source>
        <translation>Le montant par niveau doit être supérieur à 0.</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Grille</translation>
    </message>
    <message>
        <source>Lower price</source>
        <translation>Prix bas</translation>
    </message>
    <message>
        <source>Upper price</source>
        <translation>Prix haut</translation>
    </message>
    <message>
        <source>Number of levels</source>
        <translation>Nombre de niveaux</translation>
    </message>
    <message>
        <source>Amount per level</source>
        <translation>Montant par niveau</translation>
    </message>
    <message>
        <source>There is no strategy called “{name}”. Known: {known}.</source>
        <translation>Il n&apos;y a aucune stratégie nommée «&#xa0;{name}&#xa0;». Stratégies connues&#xa0;: {known}.</translation>
    </message>
    <message>
        <source>RSI rose through the oversold line {line}: {before} → {after}</source>
        <translation>le RSI a franchi à la hausse la ligne de survente {line}&#xa0;: {before} → {after}</translation>
    </message>
    <message>
        <source>RSI fell through the overbought line {line}: {before} → {after}</source>
        <translation>le RSI a franchi à la baisse la ligne de surachat {line}&#xa0;: {before} → {after}</translation>
    </message>
    <message>
        <source>The oversold line ({oversold}) must be below the overbought line ({overbought}).</source>
        <translation>La ligne de survente ({oversold}) doit être inférieure à la ligne de surachat ({overbought}).</translation>
    </message>
    <message>
        <source>RSI</source>
        <translation>RSI</translation>
    </message>
    <message>
        <source>RSI period</source>
        <translation>Période du RSI</translation>
    </message>
    <message>
        <source>Oversold line</source>
        <translation>Ligne de survente</translation>
    </message>
    <message>
        <source>Overbought line</source>
        <translation>Ligne de surachat</translation>
    </message>
    <message>
        <source>golden cross: SMA {fast} ({fast_value}) crossed above SMA {slow} ({slow_value})</source>
        <translation>golden cross&#xa0;: la SMA {fast} ({fast_value}) est passée au-dessus de la SMA {slow} ({slow_value})</translation>
    </message>
    <message>
        <source>death cross: SMA {fast} ({fast_value}) crossed below SMA {slow} ({slow_value})</source>
        <translation>death cross&#xa0;: la SMA {fast} ({fast_value}) est passée en dessous de la SMA {slow} ({slow_value})</translation>
    </message>
    <message>
        <source>The fast average ({fast} candles) must be shorter than the slow average ({slow} candles).</source>
        <translation>La moyenne rapide ({fast} bougies) doit être plus courte que la moyenne lente ({slow} bougies).</translation>
    </message>
    <message>
        <source>SMA crossover</source>
        <translation>Croisement de moyennes mobiles</translation>
    </message>
    <message>
        <source>Fast average</source>
        <translation>Moyenne rapide</translation>
    </message>
    <message>
        <source>Slow average</source>
        <translation>Moyenne lente</translation>
    </message>
    <message>
        <source>Bought {quantity} {asset}</source>
        <translation>Achat de {quantity} {asset}</translation>
    </message>
    <message>
        <source>Sold {quantity} {asset}</source>
        <translation>Vente de {quantity} {asset}</translation>
    </message>
    <message>
        <source>Price {price} {quote}</source>
        <translation>Prix {price} {quote}</translation>
    </message>
    <message>
        <source>Fee {fee} {fee_asset}</source>
        <translation>Frais {fee} {fee_asset}</translation>
    </message>
    <message>
        <source>Why: {reason}</source>
        <translation>Pourquoi&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Bot “{name}” could not start: {error}</source>
        <translation>Le bot «&#xa0;{name}&#xa0;» n&apos;a pas pu démarrer&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Bot “{name}” stopped on an error: {error}</source>
        <translation>Le bot «&#xa0;{name}&#xa0;» s&apos;est arrêté sur une erreur&#xa0;: {error}</translation>
    </message>
    <message>
        <source>stopped: another bot of the same command could not start</source>
        <translation>arrêté&#xa0;: un autre bot de la même commande n&apos;a pas pu démarrer</translation>
    </message>
    <message>
        <source>Bot “{name}” is already running in the Crypty window (process {pid}) since {since}.</source>
        <translation>Le bot «&#xa0;{name}&#xa0;» tourne déjà dans la fenêtre de Crypty (processus {pid}) depuis {since}.</translation>
    </message>
    <message>
        <source>Bot “{name}” is already running in `crypty bot run` (process {pid}) since {since}.</source>
        <translation>Le bot «&#xa0;{name}&#xa0;» tourne déjà dans `crypty bot run` (processus {pid}) depuis {since}.</translation>
    </message>
    <message>
        <source>Bot “{name}” is already running in another process.</source>
        <translation>Le bot «&#xa0;{name}&#xa0;» tourne déjà dans un autre processus.</translation>
    </message>
    <message>
        <source>Running in another Crypty process</source>
        <translation>Tourne dans un autre processus Crypty</translation>
    </message>
    <message>
        <source>Binance&apos;s WebSocket API did not answer the subscription to account updates in time.</source>
        <translation>L&apos;API WebSocket de Binance n&apos;a pas répondu à temps à l&apos;abonnement aux mises à jour du compte.</translation>
    </message>
    <message>
        <source>The WebSocket API address {url} is not an encrypted (wss://) address. Only a test server on this computer may use ws://.</source>
        <translation>L&apos;adresse de l&apos;API WebSocket {url} n&apos;est pas une adresse chiffrée (wss://). Seul un serveur de test sur cet ordinateur peut utiliser ws://.</translation>
    </message>
    <message>
        <source>Enter a number, e.g. {example}.</source>
        <translation>Saisissez un nombre, par exemple {example}.</translation>
    </message>
    <message>
        <source>This is too long for a number (at most {count} characters).</source>
        <translation>C&apos;est trop long pour un nombre ({count} caractères au plus).</translation>
    </message>
    <message>
        <source>Write the number with a point before the decimals and commas only between thousands, e.g. {example}.</source>
        <translation>Écrivez le nombre avec un point avant les décimales et des virgules seulement entre les milliers, par exemple {example}.</translation>
    </message>
    <message>
        <source>Write the number with a comma before the decimals and spaces only between thousands, e.g. {example}.</source>
        <translation>Écrivez le nombre avec une virgule avant les décimales et des espaces seulement entre les milliers, par exemple {example}.</translation>
    </message>
    <message>
        <source>{label}: “{value}” is not a plain number: write digits and a point, e.g. 1000.5.</source>
        <translation>{label}&#xa0;: «&#xa0;{value}&#xa0;» n&apos;est pas un nombre simple&#xa0;: écrivez des chiffres et un point, par exemple 1000.5.</translation>
    </message>
    <message>
        <source>{label}: write {plain} without thousands separators (“{value}” is not read).</source>
        <translation>{label}&#xa0;: écrivez {plain} sans séparateur de milliers («&#xa0;{value}&#xa0;» n&apos;est pas lu).</translation>
    </message>
    <message>
        <source>{label}: the number is too long (at most {count} characters).</source>
        <translation>{label} : le nombre est trop long ({count} caractères au plus).</translation>
    </message>
    <message>
        <source>{label}: the number is out of range (write it without an exponent beyond ±{limit}).</source>
        <translation>{label} : le nombre est hors limites (écrivez-le sans exposant au-delà de ±{limit}).</translation>
    </message>
    <message>
        <source>The name can only hold printable characters: no line breaks, tabs, control codes or text-direction marks.</source>
        <translation>Le nom ne peut contenir que des caractères imprimables : ni saut de ligne, ni tabulation, ni code de contrôle, ni marque de sens d’écriture.</translation>
    </message>
    <message>
        <source>{variable} must start with {secure}:// (“{url}” does not). Only an address on this computer (127.0.0.1, ::1 or localhost) may use {plain}://, because your key and signed requests would otherwise travel unencrypted.</source>
        <translation>{variable} doit commencer par {secure}:// (ce n’est pas le cas de « {url} »). Seule une adresse de cet ordinateur (127.0.0.1, ::1 ou localhost) peut utiliser {plain}://, sinon votre clé et vos requêtes signées circuleraient sans chiffrement.</translation>
    </message>
    <message>
        <source>Its platform was removed; this bot was moved to a placeholder platform and stopped.</source>
        <translation>Sa plateforme a été supprimée ; ce bot a été déplacé vers une plateforme de remplacement et arrêté.</translation>
    </message>
    <message>
        <source>cancelled by you</source>
        <translation>annulé par vous</translation>
    </message>
    <message>
        <source>Order {order_id} is not open any more; nothing to cancel.</source>
        <translation>L’ordre {order_id} n’est plus ouvert&#xa0;; rien à annuler.</translation>
    </message>
    <message>
        <source>Order {order_id} is not an order of this bot.</source>
        <translation>L’ordre {order_id} n’est pas un ordre de ce bot.</translation>
    </message>
    <message>
        <source>the bot was stopped</source>
        <translation>le bot a été arrêté</translation>
    </message>
    <message>
        <source>the bot was stopped: selling what it holds</source>
        <translation>le bot a été arrêté&#xa0;: vente de ce qu’il détient</translation>
    </message>
    <message>
        <source>Stopped; open orders kept on {platform}: {count} ({locked} locked).</source>
        <translation>Arrêté&#xa0;; ordres ouverts conservés sur {platform}&#xa0;: {count} ({locked} bloqués).</translation>
    </message>
    <message>
        <source>Stopped; paper orders kept: {count} ({locked} locked). They fill only while the bot runs.</source>
        <translation>Arrêté&#xa0;; ordres fictifs conservés&#xa0;: {count} ({locked} bloqués). Ils ne s’exécutent que pendant que le bot tourne.</translation>
    </message>
    <message>
        <source>Stopped; {count} open order(s) cancelled.</source>
        <translation>Arrêté&#xa0;; {count} ordre(s) ouvert(s) annulé(s).</translation>
    </message>
    <message>
        <source>Stopped; there was no open order to cancel.</source>
        <translation>Arrêté&#xa0;; il n’y avait aucun ordre ouvert à annuler.</translation>
    </message>
    <message>
        <source>Stopped; {count} open order cancelled.</source>
        <translation>Arrêté&#xa0;; {count} ordre ouvert annulé.</translation>
    </message>
    <message>
        <source>Stopped; {count} open orders cancelled.</source>
        <translation>Arrêté&#xa0;; {count} ordres ouverts annulés.</translation>
    </message>
    <message>
        <source>Stopped; {failed} open order (of {count}) could not be cancelled and may still be open: {error}</source>
        <translation>Arrêté&#xa0;; {failed} ordre ouvert (sur {count}) n’a pas pu être annulé et est peut-être encore ouvert&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Stopped; {failed} open orders (of {count}) could not be cancelled and may still be open: {error}</source>
        <translation>Arrêté&#xa0;; {failed} ordres ouverts (sur {count}) n’ont pas pu être annulés et sont peut-être encore ouverts&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Stopped; {count} open order cancelled and {quantity} {asset} sold at market.</source>
        <translation>Arrêté&#xa0;; {count} ordre ouvert annulé et {quantity} {asset} vendus au marché.</translation>
    </message>
    <message>
        <source>Stopped; {count} open orders cancelled and {quantity} {asset} sold at market.</source>
        <translation>Arrêté&#xa0;; {count} ordres ouverts annulés et {quantity} {asset} vendus au marché.</translation>
    </message>
    <message>
        <source>Stopped; {count} open order cancelled; the bot held no {asset} to sell.</source>
        <translation>Arrêté&#xa0;; {count} ordre ouvert annulé&#xa0;; le bot ne détenait pas de {asset} à vendre.</translation>
    </message>
    <message>
        <source>Stopped; {count} open orders cancelled; the bot held no {asset} to sell.</source>
        <translation>Arrêté&#xa0;; {count} ordres ouverts annulés&#xa0;; le bot ne détenait pas de {asset} à vendre.</translation>
    </message>
    <message>
        <source>Stopped; {count} open order cancelled, but the {asset} it holds was not sold: {error}</source>
        <translation>Arrêté&#xa0;; {count} ordre ouvert annulé, mais le {asset} qu’il détient n’a pas été vendu&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Stopped; {count} open orders cancelled, but the {asset} it holds was not sold: {error}</source>
        <translation>Arrêté&#xa0;; {count} ordres ouverts annulés, mais le {asset} qu’il détient n’a pas été vendu&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Stopped; {failed} of {count} open order(s) could not be cancelled and may still be open: {error}</source>
        <translation>Arrêté&#xa0;; {failed} sur {count} ordre(s) ouvert(s) n’ont pas pu être annulés et sont peut-être encore ouverts&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Stopped; {count} open order(s) cancelled and {quantity} {asset} sold at market.</source>
        <translation>Arrêté&#xa0;; {count} ordre(s) ouvert(s) annulé(s) et {quantity} {asset} vendus au marché.</translation>
    </message>
    <message>
        <source>Stopped; {count} open order(s) cancelled; the bot held no {asset} to sell.</source>
        <translation>Arrêté&#xa0;; {count} ordre(s) ouvert(s) annulé(s)&#xa0;; le bot ne détenait pas de {asset} à vendre.</translation>
    </message>
    <message>
        <source>Stopped; {count} open order(s) cancelled, but the {asset} it holds was not sold: {error}</source>
        <translation>Arrêté&#xa0;; {count} ordre(s) ouvert(s) annulé(s), mais le {asset} qu’il détient n’a pas été vendu&#xa0;: {error}</translation>
    </message>
    <message>
        <source>no price is known yet</source>
        <translation>aucun prix n’est encore connu</translation>
    </message>
    <message>
        <source>stopped to be removed</source>
        <translation>arrêté pour être supprimé</translation>
    </message>
    <message>
        <source>{busy} Stop it there first, then remove it; nothing was removed.</source>
        <translation>{busy} Arrêtez-le d’abord là-bas, puis supprimez-le ; rien n’a été supprimé.</translation>
    </message>
    <message>
        <source>Bot “{name}” is running.</source>
        <translation>Le bot « {name} » tourne.</translation>
    </message>
    <message>
        <source>Bot “{name}” has open orders on the exchange: {count}, holding {locked}.</source>
        <translation>Le bot « {name} » a des ordres ouverts sur la plateforme d’échange : {count}, qui bloquent {locked}.</translation>
    </message>
    <message>
        <source>Removing it stops it and cancels its open orders first, so that nothing is left on the exchange without a bot to show it. Nothing was removed.</source>
        <translation>Le supprimer l’arrête et annule d’abord ses ordres ouverts, pour que rien ne reste sur la plateforme d’échange sans un bot pour le montrer. Rien n’a été supprimé.</translation>
    </message>
    <message>
        <source>“{platform}” still has bots ({bots}). Removing it removes those bots first: each is stopped and its open orders are cancelled, then the key and the platform are removed. Nothing was removed.</source>
        <translation>« {platform} » a encore des bots ({bots}). La supprimer supprime d’abord ces bots : chacun est arrêté et ses ordres ouverts sont annulés, puis la clé et la plateforme sont supprimées. Rien n’a été supprimé.</translation>
    </message>
    <message>
        <source>Bot “{name}” did not stop in time; nothing was removed. Try again in a moment.</source>
        <translation>Le bot « {name} » ne s’est pas arrêté à temps ; rien n’a été supprimé. Réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The open orders of “{name}” could not all be cancelled ({error}). The bot was not removed: try again when the exchange answers.</source>
        <translation>Les ordres ouverts de « {name} » n’ont pas tous pu être annulés ({error}). Le bot n’a pas été supprimé : réessayez quand la plateforme d’échange répondra.</translation>
    </message>
    <message>
        <source>{count} orders of “{name}” are still open on the exchange. The bot was not removed: try again in a moment.</source>
        <translation>{count} ordres de « {name} » sont encore ouverts sur la plateforme d’échange. Le bot n’a pas été supprimé : réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The database “{path}” is empty, although Crypty saved its data in this folder before: it was probably cut short or erased. It was left as it is.</source>
        <translation>La base de données « {path} » est vide, alors que Crypty avait déjà enregistré ses données dans ce dossier : elle a sans doute été tronquée ou effacée. Elle a été laissée telle quelle.</translation>
    </message>
    <message>
        <source>The file “{path}” is not a Crypty database any more (it was overwritten or cut short). It was left as it is.</source>
        <translation>Le fichier « {path} » n’est plus une base de données Crypty (il a été écrasé ou tronqué). Il a été laissé tel quel.</translation>
    </message>
    <message>
        <source>The database “{path}” is damaged ({detail}). It was left as it is.</source>
        <translation>La base de données « {path} » est endommagée ({detail}). Elle a été laissée telle quelle.</translation>
    </message>
    <message>
        <source>Crypty can restore its automatic backup of {when}; whatever changed since then is not in it, and the damaged file is kept beside it.</source>
        <translation>Crypty peut restaurer sa sauvegarde automatique du {when} ; ce qui a changé depuis n’y figure pas, et le fichier endommagé est conservé à côté.</translation>
    </message>
    <message>
        <source>There is no automatic backup to restore: move the file away to start afresh.</source>
        <translation>Il n’y a aucune sauvegarde automatique à restaurer : déplacez le fichier ailleurs pour repartir de zéro.</translation>
    </message>
    <message>
        <source>There is no backup number {number} (there are {count}: 1 is the newest).</source>
        <translation>Il n’y a pas de sauvegarde numéro {number} (il y en a {count} : 1 est la plus récente).</translation>
    </message>
    <message>
        <source>Backup number {number} is damaged too ({detail}); choose another one.</source>
        <translation>La sauvegarde numéro {number} est endommagée elle aussi ({detail}) ; choisissez-en une autre.</translation>
    </message>
    <message>
        <source>The database is in use by another Crypty process (process {pid}). Quit it, then restore.</source>
        <translation>La base de données est utilisée par un autre processus Crypty (processus {pid}). Quittez-le, puis restaurez.</translation>
    </message>
    <message>
        <source>Crypty cannot write in its data folder “{path}” ({reason}). Make it writable, or choose another folder with CRYPTY_DATA_DIR, and start again.</source>
        <translation>Crypty ne peut pas écrire dans son dossier de données « {path} » ({reason}). Rendez-le accessible en écriture, ou choisissez un autre dossier avec CRYPTY_DATA_DIR, puis relancez.</translation>
    </message>
    <message>
        <source>The disk holding “{path}” is full: Crypty cannot save its data. Free some space and start again.</source>
        <translation>Le disque qui contient « {path} » est plein : Crypty ne peut pas enregistrer ses données. Libérez de l’espace, puis relancez.</translation>
    </message>
    <message>
        <source>Crypty could not read or write its data in “{path}” ({reason}). Check the disk and start again.</source>
        <translation>Crypty n’a pas pu lire ou écrire ses données dans « {path} » ({reason}). Vérifiez le disque, puis relancez.</translation>
    </message>
    <message>
        <source>Binance offers no trailing stop on {symbol}: the trailing stop works in the app, only while it runs.</source>
        <translation>Binance ne propose pas de stop suiveur sur {symbol}&#xa0;: le stop suiveur fonctionne dans l&apos;application, uniquement pendant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>Binance takes a trailing stop between {minimum} % and {maximum} % on {symbol}: the trailing stop works in the app, only while it runs.</source>
        <translation>Binance accepte un stop suiveur entre {minimum} % et {maximum} % sur {symbol}&#xa0;: le stop suiveur fonctionne dans l&apos;application, uniquement pendant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>Binance takes no stop-limit order on {symbol}: the stop works in the app, only while it runs.</source>
        <translation>Binance n&apos;accepte pas d&apos;ordre stop-limite sur {symbol}&#xa0;: le stop fonctionne dans l&apos;application, uniquement pendant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>Binance takes no OCO order on {symbol}: the take-profit works in the app, only while it runs.</source>
        <translation>Binance n&apos;accepte pas d&apos;ordre OCO sur {symbol}&#xa0;: la prise de bénéfice fonctionne dans l&apos;application, uniquement pendant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>A take-profit without a stop stays in the app (Binance pairs it with a stop): it works only while the app runs.</source>
        <translation>Une prise de bénéfice sans stop reste dans l&apos;application (Binance l&apos;associe à un stop)&#xa0;: elle ne fonctionne que pendant que l&apos;application tourne.</translation>
    </message>
    <message>
        <source>The take-profit {price} {quote} is further above the price than Binance allows on {symbol}: it works in the app, only while it runs.</source>
        <translation>La prise de bénéfice à {price} {quote} est plus loin au-dessus du prix que Binance ne l&apos;autorise sur {symbol}&#xa0;: elle fonctionne dans l&apos;application, uniquement pendant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>The stop is further below the price than Binance allows on {symbol}: it works in the app, only while it runs.</source>
        <translation>Le stop est plus loin sous le prix que Binance ne l&apos;autorise sur {symbol}&#xa0;: il fonctionne dans l&apos;application, uniquement pendant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>Binance allows {symbol} at most {orders} open orders, {algo} stop orders and {lists} OCO lists (0: not stated); the bot already uses {used}: {what} works in the app, only while it runs.</source>
        <translation>Binance autorise sur {symbol} au plus {orders} ordres ouverts, {algo} ordres stop et {lists} listes OCO (0&#xa0;: non précisé)&#xa0;; le bot en utilise déjà {used}&#xa0;: {what} fonctionne dans l&apos;application, uniquement pendant qu&apos;elle tourne.</translation>
    </message>
    <message>
        <source>the take-profit</source>
        <translation>la prise de bénéfice</translation>
    </message>
    <message>
        <source>the stop</source>
        <translation>le stop</translation>
    </message>
    <message>
        <source>The position cannot be protected on Binance ({reason}); the stop works in the app.</source>
        <translation>La position ne peut pas être protégée sur Binance ({reason})&#xa0;; le stop fonctionne dans l&apos;application.</translation>
    </message>
    <message>
        <source>take-profit at {price} {quote}</source>
        <translation>prise de bénéfice à {price} {quote}</translation>
    </message>
    <message>
        <source>stop at {stop} {quote} (limit {limit})</source>
        <translation>stop à {stop} {quote} (limite {limit})</translation>
    </message>
    <message>
        <source>trailing stop {percent} % below the highest price (limit {limit} {quote} for now)</source>
        <translation>stop suiveur à {percent} % sous le plus haut prix (limite {limit} {quote} pour l&apos;instant)</translation>
    </message>
    <message>
        <source>stopped: Make everything safe</source>
        <translation>arrêté : Tout mettre en sécurité</translation>
    </message>
    <message>
        <source>Make everything safe: sell what the bot holds</source>
        <translation>Tout mettre en sécurité : vendre ce que le bot détient</translation>
    </message>
    <message>
        <source>{name} ({kind}, {symbol}):</source>
        <translation>{name} ({kind}, {symbol}) :</translation>
    </message>
    <message>
        <source>stopped; it will not start again by itself</source>
        <translation>arrêté ; il ne redémarrera pas tout seul</translation>
    </message>
    <message>
        <source>was not running</source>
        <translation>ne tournait pas</translation>
    </message>
    <message>
        <source>paper money only: nothing on the exchange</source>
        <translation>argent fictif seulement : rien sur la plateforme</translation>
    </message>
    <message>
        <source>no open order on the exchange</source>
        <translation>aucun ordre ouvert sur la plateforme</translation>
    </message>
    <message>
        <source>cancelled 1 open order</source>
        <translation>1 ordre ouvert annulé</translation>
    </message>
    <message>
        <source>cancelled {count} open orders</source>
        <translation>{count} ordres ouverts annulés</translation>
    </message>
    <message>
        <source>the order to {side} {quantity} {asset} had filled first; its fill is recorded</source>
        <translation>l’ordre pour {side} {quantity} {asset} avait été exécuté avant ; son exécution est enregistrée</translation>
    </message>
    <message>
        <source>sold {quantity} {asset} at market for {amount} {quote}</source>
        <translation>vendu {quantity} {asset} au marché pour {amount} {quote}</translation>
    </message>
    <message>
        <source>sold {quantity} {asset} of {wanted} at market for {amount} {quote}</source>
        <translation>vendu {quantity} {asset} sur {wanted} au marché pour {amount} {quote}</translation>
    </message>
    <message>
        <source>holds nothing to sell</source>
        <translation>ne détient rien à vendre</translation>
    </message>
    <message>
        <source>keeps {quantity} {asset} (not sold: you did not ask)</source>
        <translation>garde {quantity} {asset} (non vendu : vous ne l’avez pas demandé)</translation>
    </message>
    <message>
        <source>could not cancel order {order_id}: {error}</source>
        <translation>impossible d’annuler l’ordre {order_id} : {error}</translation>
    </message>
    <message>
        <source>could not sell: {error}</source>
        <translation>impossible de vendre : {error}</translation>
    </message>
    <message>
        <source>could not be made safe: {error}</source>
        <translation>n’a pas pu être mis en sécurité : {error}</translation>
    </message>
    <message>
        <source>did not stop in time in this window; its orders were not touched</source>
        <translation>ne s’est pas arrêté à temps dans cette fenêtre ; ses ordres n’ont pas été touchés</translation>
    </message>
    <message>
        <source>not touched: {where} Stop it there, then make everything safe again.</source>
        <translation>non touché : {where} Arrêtez-le là-bas, puis remettez tout en sécurité.</translation>
    </message>
    <message>
        <source>No bot to make safe.</source>
        <translation>Aucun bot à mettre en sécurité.</translation>
    </message>
    <message>
        <source>Ghost</source>
        <translation>Ghost</translation>
    </message>
    <message>
        <source>Trader</source>
        <translation>Trader</translation>
    </message>
    <message>
        <source>buy</source>
        <translation>acheter</translation>
    </message>
    <message>
        <source>sell</source>
        <translation>vendre</translation>
    </message>
    <message>
        <source>Away {duration}: {candles} caught up, {fills}.</source>
        <translation>Absent {duration} : {candles} rattrapées, {fills}.</translation>
    </message>
    <message>
        <source>1 candle</source>
        <translation>1 bougie</translation>
    </message>
    <message>
        <source>{count} candles</source>
        <translation>{count} bougies</translation>
    </message>
    <message>
        <source>no fill</source>
        <translation>aucune exécution</translation>
    </message>
    <message>
        <source>1 fill recorded ({fill})</source>
        <translation>1 exécution enregistrée ({fill})</translation>
    </message>
    <message>
        <source>{count} fills recorded ({fill})</source>
        <translation>{count} exécutions enregistrées ({fill})</translation>
    </message>
    <message>
        <source>bought {quantity} {asset} at {price} {quote}</source>
        <translation>acheté {quantity} {asset} à {price} {quote}</translation>
    </message>
    <message>
        <source>sold {quantity} {asset} at {price} {quote}</source>
        <translation>vendu {quantity} {asset} à {price} {quote}</translation>
    </message>
    <message>
        <source>bought {bought} {asset}, sold {sold} {same_asset}</source>
        <translation>acheté {bought} {asset}, vendu {sold} {same_asset}</translation>
    </message>
    <message>
        <source>bought {quantity} {asset} in all</source>
        <translation>acheté {quantity} {asset} en tout</translation>
    </message>
    <message>
        <source>sold {quantity} {asset} in all</source>
        <translation>vendu {quantity} {asset} en tout</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days} j {hours} h</translation>
    </message>
    <message>
        <source>“{text}”: give NAME=FROM:TO:STEP, NAME=A,B,C or NAME=VALUE.</source>
        <translation>« {text} » : indiquez NOM=DE:À:PAS, NOM=A,B,C ou NOM=VALEUR.</translation>
    </message>
    <message>
        <source>{count} combinations is too many; narrow the ranges or use --random N.</source>
        <translation>{count} combinaisons, c’est trop ; resserrez les plages ou utilisez --random N.</translation>
    </message>
    <message>
        <source>Optimisation cancelled.</source>
        <translation>Optimisation annulée.</translation>
    </message>
    <message>
        <source>{name} = {value}: a risk setting is a percentage from 0 (off) to below 100.</source>
        <translation>{name} = {value}&#xa0;: un réglage de risque est un pourcentage de 0 (désactivé) à moins de 100.</translation>
    </message>
    <message>
        <source>The demo market has no rules for {symbol}. It knows: {symbols}. Give --platform.</source>
        <translation>Le marché de démonstration n’a pas de règles pour {symbol}. Il connaît : {symbols}. Indiquez --platform.</translation>
    </message>
    <message>
        <source>{bot}: buy order filled</source>
        <translation>{bot} : ordre d&apos;achat exécuté</translation>
    </message>
    <message>
        <source>{bot}: sell order filled</source>
        <translation>{bot} : ordre de vente exécuté</translation>
    </message>
    <message>
        <source>{bot} stopped by a risk rule</source>
        <translation>{bot} arrêté par une règle de risque</translation>
    </message>
    <message>
        <source>{bot} stopped by an error</source>
        <translation>{bot} arrêté par une erreur</translation>
    </message>
    <message>
        <source>{bot}: an order was refused</source>
        <translation>{bot} : un ordre a été refusé</translation>
    </message>
    <message>
        <source>{platform}: Binance refused the key</source>
        <translation>{platform} : Binance a refusé la clé</translation>
    </message>
    <message>
        <source>{platform}: requests paused by Binance</source>
        <translation>{platform} : requêtes suspendues par Binance</translation>
    </message>
    <message>
        <source>{platform}: requests blocked by Binance</source>
        <translation>{platform} : requêtes bloquées par Binance</translation>
    </message>
    <message>
        <source>{bot}: an order is still not confirmed by Binance</source>
        <translation>{bot} : un ordre n&apos;est toujours pas confirmé par Binance</translation>
    </message>
    <message>
        <source>Crypty Desktop: today&apos;s summary</source>
        <translation>Crypty Desktop : le bilan du jour</translation>
    </message>
    <message>
        <source>{bot}: P&amp;L {pnl} {quote} ({percent} %)</source>
        <translation>{bot} : P&amp;P {pnl} {quote} ({percent} %)</translation>
    </message>
    <message>
        <source>Crypty Desktop: everything was made safe</source>
        <translation>Crypty Desktop : tout a été mis en sécurité</translation>
    </message>
    <message>
        <source>Crypty Desktop: Make everything safe could not finish; open the app</source>
        <translation>Crypty Desktop : « Tout mettre en sécurité » n&apos;a pas pu aller au bout ; ouvrez l&apos;application</translation>
    </message>
    <message>
        <source>{platform}: daily loss limit reached, its Trader bots were made safe</source>
        <translation>{platform} : limite de perte journalière atteinte, ses bots Trader ont été mis en sécurité</translation>
    </message>
    <message>
        <source>{platform}: daily loss limit reached, making its bots safe could not finish</source>
        <translation>{platform} : limite de perte journalière atteinte, la mise en sécurité de ses bots n’a pas pu aboutir</translation>
    </message>
    <message>
        <source>Crypty Desktop: test alert</source>
        <translation>Crypty Desktop : alerte de test</translation>
    </message>
    <message>
        <source>Alerts reach you here. You chose which events send one in Settings › Notifications.</source>
        <translation>Les alertes vous parviennent ici. Vous choisissez les événements qui en envoient une dans Paramètres › Notifications.</translation>
    </message>
    <message>
        <source>This address is not one Apprise knows. It starts with the service&apos;s name, for example tgram://, mailto://, ntfys:// or discord:// (see the Apprise documentation).</source>
        <translation>Apprise ne connaît pas cette adresse. Elle commence par le nom du service, par exemple tgram://, mailto://, ntfys:// ou discord:// (voir la documentation d&apos;Apprise).</translation>
    </message>
    <message>
        <source>At most {count} alert targets.</source>
        <translation>{count} destinations d&apos;alertes au plus.</translation>
    </message>
    <message>
        <source>Give the target a name, for example “My phone”.</source>
        <translation>Donnez un nom à la destination, par exemple « Mon téléphone ».</translation>
    </message>
    <message>
        <source>The service did not accept the message.</source>
        <translation>Le service n&apos;a pas accepté le message.</translation>
    </message>
    <message>
        <source>The service could not be reached ({error}).</source>
        <translation>Le service n&apos;a pas pu être joint ({error}).</translation>
    </message>
    <message>
        <source>This target&apos;s address is missing from the keychain. Remove it and add it again.</source>
        <translation>L&apos;adresse de cette destination manque dans le trousseau. Retirez-la puis ajoutez-la de nouveau.</translation>
    </message>
    <message>
        <source>Alerts need the Apprise library, which is not installed with this copy of the app.</source>
        <translation>Les alertes ont besoin de la bibliothèque Apprise, qui n&apos;est pas installée avec cette copie de l&apos;application.</translation>
    </message>
    <message>
        <source>The end date ({end}) is before the start date ({start}). Swap them and try again.</source>
        <translation>La date de fin ({end}) est avant la date de début ({start}). Inversez-les et réessayez.</translation>
    </message>
    <message>
        <source>Unknown export format “{name}”. Choose csv, json or koinly.</source>
        <translation>Format d&apos;export inconnu « {name} ». Choisissez csv, json ou koinly.</translation>
    </message>
    <message>
        <source>The export could not be written to {path} ({error}). Nothing was changed there.</source>
        <translation>L&apos;export n&apos;a pas pu être écrit dans {path} ({error}). Rien n&apos;y a été modifié.</translation>
    </message>
    <message>
        <source>Paper trade (no real money)</source>
        <translation>Transaction sur papier (pas d&apos;argent réel)</translation>
    </message>
    <message>
        <source>No stop-loss, take-profit, trailing stop or drawdown limit: nothing sells for you.</source>
        <translation>Ni stop-loss, ni take-profit, ni stop suiveur, ni limite de baisse : rien ne vend à votre place.</translation>
    </message>
    <message>
        <source>Stop-loss: sells everything {percent} % below entry.</source>
        <translation>Stop-loss : vend tout {percent} % sous le prix d’entrée.</translation>
    </message>
    <message>
        <source>Take-profit: sells everything {percent} % above entry.</source>
        <translation>Take-profit : vend tout {percent} % au-dessus du prix d’entrée.</translation>
    </message>
    <message>
        <source>Trailing stop: sells everything {percent} % below the highest price since entry.</source>
        <translation>Stop suiveur : vend tout {percent} % sous le plus haut prix depuis l’entrée.</translation>
    </message>
    <message>
        <source>Max drawdown: sells everything and stops when the bot is {percent} % below its peak.</source>
        <translation>Baisse maximale : vend tout et s’arrête quand le bot est {percent} % sous son sommet.</translation>
    </message>
    <message>
        <source>This key works from any IP address: whoever obtains it can trade on your account. Restrict it to your IP address on Binance.</source>
        <translation>Cette clé fonctionne depuis n’importe quelle adresse IP : quiconque l’obtient peut trader sur votre compte. Restreignez-la à votre adresse IP sur Binance.</translation>
    </message>
    <message>
        <source>The budget ({budget}) is more than the {free} free on the account now: orders beyond what is free will be refused by Binance.</source>
        <translation>Le budget ({budget}) dépasse les {free} disponibles sur le compte en ce moment : Binance refusera les ordres au-delà de ce qui est disponible.</translation>
    </message>
    <message>
        <source>--monte-carlo: give a number of runs from 1 to {most}.</source>
        <translation>--monte-carlo : donnez un nombre de tirages de 1 à {most}.</translation>
    </message>
    <message>
        <source>Overfit risk: {reasons}.</source>
        <translation>Risque de surajustement : {reasons}.</translation>
    </message>
    <message>
        <source>No overfit warning from {guards}.</source>
        <translation>Aucune alerte de surajustement : {guards}.</translation>
    </message>
    <message>
        <source>out-of-sample P&amp;L is {pct} % below in-sample</source>
        <translation>le P&amp;L hors échantillon est {pct} % sous celui de l’échantillon</translation>
    </message>
    <message>
        <source>in-sample P&amp;L is {pnl}: walk-forward found no edge</source>
        <translation>le P&amp;L dans l’échantillon est de {pnl} : le walk-forward ne trouve aucun avantage</translation>
    </message>
    <message>
        <source>{pct} % of {runs} resampled trade sequences end in a loss</source>
        <translation>{pct} % des {runs} suites de trades rééchantillonnées finissent en perte</translation>
    </message>
    <message>
        <source>the best point is a sharp peak (its neighbours score {pct} % lower on average)</source>
        <translation>le meilleur point est un pic isolé (ses voisins obtiennent en moyenne {pct} % de moins)</translation>
    </message>
    <message>
        <source>walk-forward</source>
        <translation>walk-forward</translation>
    </message>
    <message>
        <source>Monte Carlo</source>
        <translation>Monte-Carlo</translation>
    </message>
    <message>
        <source>parameter stability</source>
        <translation>stabilité des paramètres</translation>
    </message>
    <message>
        <source>{first} and {last}</source>
        <translation>{first} et {last}</translation>
    </message>
    <message>
        <source>No overfit guard could run: no combination was ranked.</source>
        <translation>Aucun garde-fou contre le surajustement n’a pu tourner : aucune combinaison n’a été classée.</translation>
    </message>
    <message>
        <source>{candles} candles are too few for {folds} walk-forward folds: each window needs at least {least} candles.</source>
        <translation>{candles} bougies sont trop peu pour {folds} plis de walk-forward : chaque fenêtre demande au moins {least} bougies.</translation>
    </message>
    <message>
        <source>--walk-forward: give a number of folds from 1 to {most}.</source>
        <translation>--walk-forward : donnez un nombre de plis de 1 à {most}.</translation>
    </message>
    <message>
        <source>stopped: the platform&apos;s daily loss limit</source>
        <translation>arrêté : limite de perte journalière de la plateforme</translation>
    </message>
    <message>
        <source>Daily loss limit of “{platform}” reached: its Trader bots lost {loss} {quote} today (the limit is {limit}). They are stopped, their open orders cancelled and what they hold sold.</source>
        <translation>Limite de perte journalière de « {platform} » atteinte : ses bots Trader ont perdu {loss} {quote} aujourd’hui (la limite est de {limit}). Ils sont arrêtés, leurs ordres ouverts annulés et ce qu’ils détiennent vendu.</translation>
    </message>
    <message>
        <source>A manual action by you ({reason}); a backtest only trades by the strategy.</source>
        <translation>Une action manuelle de votre part ({reason}) ; un backtest ne trade que selon la stratégie.</translation>
    </message>
    <message>
        <source>You cancelled one of the bot&apos;s orders on {time}; the backtest kept it.</source>
        <translation>Vous avez annulé un ordre du bot le {time} ; le backtest l&apos;a gardé.</translation>
    </message>
    <message>
        <source>A protective order filled on the exchange at {price} {quote}; the backtest&apos;s simulated one did not fill on this candle.</source>
        <translation>Un ordre de protection a été exécuté sur la plateforme à {price} {quote} ; celui que simule le backtest n&apos;a pas été exécuté sur cette bougie.</translation>
    </message>
    <message>
        <source>Before the compared window (the bot&apos;s first traded candle opened {time}).</source>
        <translation>Avant la période comparée (la première bougie tradée par le bot a ouvert le {time}).</translation>
    </message>
    <message>
        <source>After the compared window (the bot&apos;s last candle opened {time}).</source>
        <translation>Après la période comparée (la dernière bougie du bot a ouvert le {time}).</translation>
    </message>
    <message>
        <source>The bot was not trading then: it caught up on {count} candle after an absence, without trading on it.</source>
        <translation>Le bot ne tradait pas à ce moment : il a rattrapé {count} bougie après une absence, sans trader dessus.</translation>
    </message>
    <message>
        <source>The bot was not trading then: it caught up on {count} candles after an absence, without trading on them.</source>
        <translation>Le bot ne tradait pas à ce moment : il a rattrapé {count} bougies après une absence, sans trader dessus.</translation>
    </message>
    <message>
        <source>Missed candles: {count} candle from {time} is missing from the stored candles, so the backtest did not see what the bot saw.</source>
        <translation>Bougies manquées : {count} bougie à partir du {time} manque parmi les bougies enregistrées, le backtest n&apos;a donc pas vu ce que le bot a vu.</translation>
    </message>
    <message>
        <source>Missed candles: {count} candles from {time} are missing from the stored candles, so the backtest did not see what the bot saw.</source>
        <translation>Bougies manquées : {count} bougies à partir du {time} manquent parmi les bougies enregistrées, le backtest n&apos;a donc pas vu ce que le bot a vu.</translation>
    </message>
    <message>
        <source>A partial fill: the exchange filled {filled} of {wanted} {asset} in {parts} part; the backtest fills whole orders.</source>
        <translation>Une exécution partielle : la plateforme a exécuté {filled} sur {wanted} {asset} en {parts} fois ; le backtest exécute les ordres en entier.</translation>
    </message>
    <message>
        <source>A partial fill: the exchange filled {filled} of {wanted} {asset} in {parts} parts; the backtest fills whole orders.</source>
        <translation>Une exécution partielle : la plateforme a exécuté {filled} sur {wanted} {asset} en {parts} fois ; le backtest exécute les ordres en entier.</translation>
    </message>
    <message>
        <source>{count} candle missing from the stored candles.</source>
        <translation>{count} bougie manquante parmi les bougies enregistrées.</translation>
    </message>
    <message>
        <source>{count} candles missing from the stored candles.</source>
        <translation>{count} bougies manquantes parmi les bougies enregistrées.</translation>
    </message>
    <message>
        <source>The bot&apos;s order was refused then: {error}</source>
        <translation>L&apos;ordre du bot a été refusé à ce moment : {error}</translation>
    </message>
    <message>
        <source>Your settings changed on {time}, after the candle of {candle}: {changes}.</source>
        <translation>Vos paramètres ont changé le {time}, après la bougie du {candle}&#xa0;: {changes}.</translation>
    </message>
    <message>
        <source>Your settings changed on {time}, after the candle of {candle}: {changes}. The bot made this trade with the settings of before; the backtest replays the whole window with the current ones.</source>
        <translation>Vos paramètres ont changé le {time}, après la bougie du {candle}&#xa0;: {changes}. Le bot a fait ce trade avec les paramètres d’avant&#xa0;; le backtest rejoue toute la fenêtre avec les paramètres actuels.</translation>
    </message>
    <message>
        <source>Your settings changed on {time}, after the candle of {candle}: {changes}. The backtest had the new settings from the start of the window, the bot only from then on.</source>
        <translation>Vos paramètres ont changé le {time}, après la bougie du {candle}&#xa0;: {changes}. Le backtest avait les nouveaux paramètres dès le début de la fenêtre, le bot seulement à partir de ce moment.</translation>
    </message>
    <message>
        <source>Follows an earlier difference on {time}: from then on the bot and the backtest did not hold the same.</source>
        <translation>Découle d&apos;une différence antérieure, le {time} : dès lors le bot et le backtest ne détenaient plus la même chose.</translation>
    </message>
    <message>
        <source>No cause found in the bot&apos;s records: on the same candles the strategy decided otherwise.</source>
        <translation>Aucune cause trouvée dans les enregistrements du bot : sur les mêmes bougies, la stratégie a décidé autrement.</translation>
    </message>
    <message>
        <source>Slippage: filled at {price} {quote}, {diff} {same_quote} ({pct} %) from the backtest&apos;s {reference} (the candle&apos;s price).</source>
        <translation>Glissement : exécuté à {price} {quote}, à {diff} {same_quote} ({pct} %) des {reference} du backtest (le prix de la bougie).</translation>
    </message>
    <message>
        <source>A fee paid in {fee_asset} ({fee} {same_asset}); the backtest takes it from the asset received, so the quantities held differ.</source>
        <translation>Des frais payés en {fee_asset} ({fee} {same_asset}) ; le backtest les prélève sur l&apos;actif reçu, les quantités détenues diffèrent donc.</translation>
    </message>
    <message>
        <source>A different size ({diff} {asset}): an earlier price, fee or fill left the bot a different balance.</source>
        <translation>Une taille différente ({diff} {asset}) : un prix, des frais ou une exécution antérieurs ont laissé au bot un autre solde.</translation>
    </message>
    <message>
        <source>Neither the bot nor the backtest traded in this window.</source>
        <translation>Ni le bot ni le backtest n&apos;ont tradé sur cette période.</translation>
    </message>
    <message>
        <source>{matched} of {total} trades match ({pct} %): {only_live} only live, {only_backtest} only in the backtest.</source>
        <translation>{matched} trades sur {total} concordent ({pct} %) : {only_live} seulement en réel, {only_backtest} seulement dans le backtest.</translation>
    </message>
    <message>
        <source>“{name}” has not traded on any candle yet: there is nothing to compare.</source>
        <translation>«&#xa0;{name}&#xa0;» n&apos;a encore tradé sur aucune bougie : il n&apos;y a rien à comparer.</translation>
    </message>
    <message>
        <source>No stored {symbol} {interval} candles cover the window of “{name}”: there is nothing to replay.</source>
        <translation>Aucune bougie {symbol} {interval} enregistrée ne couvre la période de «&#xa0;{name}&#xa0;» : il n&apos;y a rien à rejouer.</translation>
    </message>
    <message>
        <source>Waiting for Binance to confirm order {order_id}; no new order until then.</source>
        <translation>En attente de la confirmation par Binance de l&apos;ordre {order_id} ; aucun nouvel ordre d&apos;ici là.</translation>
    </message>
    <message>
        <source>Order {order_id} was confirmed: {status}; trading resumes.</source>
        <translation>L&apos;ordre {order_id} a été confirmé : {status} ; le trading reprend.</translation>
    </message>
    <message>
        <source>Binance never received order {order_id}: it was not placed and will not be sent again; trading resumes and the bot decides afresh.</source>
        <translation>Binance n&apos;a jamais reçu l&apos;ordre {order_id} : il n&apos;a pas été passé et ne sera pas renvoyé ; le trading reprend et le bot décide à nouveau.</translation>
    </message>
    <message>
        <source>Binance could not be asked whether order {order_id} was cancelled: it stays open in the records and will be checked again; no new order until then.</source>
        <translation>Impossible de demander à Binance si l&apos;ordre {order_id} a été annulé : il reste ouvert dans les registres et sera vérifié à nouveau ; aucun nouvel ordre d&apos;ici là.</translation>
    </message>
    <message>
        <source>Binance could not be asked about order {order_id}: it stays open in the records, and will be asked again at the next candle.</source>
        <translation>Impossible d&apos;interroger Binance sur l&apos;ordre {order_id} : il reste ouvert dans les registres, et Binance sera interrogé à nouveau à la prochaine bougie.</translation>
    </message>
    <message>
        <source>Binance answered about order {order_id} again; the records are up to date.</source>
        <translation>Binance a de nouveau répondu au sujet de l&apos;ordre {order_id} ; les registres sont à jour.</translation>
    </message>
    <message>
        <source>Not acted on while waiting for Binance to confirm order {order_id}: {decision}</source>
        <translation>Non exécuté en attendant que Binance confirme l&apos;ordre {order_id} : {decision}</translation>
    </message>
    <message>
        <source>Binance has not confirmed order {order_id} for {minutes} minutes; the bot still places no new order. Check this computer&apos;s connection to Binance.</source>
        <translation>Binance n&apos;a pas confirmé l&apos;ordre {order_id} depuis {minutes} minutes ; le bot ne passe toujours aucun nouvel ordre. Vérifiez la connexion de cet ordinateur à Binance.</translation>
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
    <name>DashboardPage</name>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Marché</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Locked in orders</source>
        <translation>Bloqué en ordres</translation>
    </message>
    <message>
        <source>Realised</source>
        <translation>Réalisé</translation>
    </message>
    <message>
        <source>Unrealised</source>
        <translation>Latent</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Frais</translation>
    </message>
    <message>
        <source>Net P&amp;L</source>
        <translation>P&amp;L net</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Manage platforms…</source>
        <translation>Gérer les plateformes…</translation>
    </message>
    <message>
        <source>No platform yet. Open the Bots page to try the offline demo or add a Binance key.</source>
        <translation>Aucune plateforme pour l&apos;instant. Ouvrez la page Bots pour essayer la démo hors ligne ou ajouter une clé Binance.</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>Soldes</translation>
    </message>
    <message>
        <source>Bots</source>
        <translation>Bots</translation>
    </message>
    <message>
        <source>Profit and loss of each bot</source>
        <translation>Profits et pertes de chaque bot</translation>
    </message>
    <message>
        <source>P&amp;L is net of fees: realised on what was sold, unrealised on what is held at the bot&apos;s last price; locked funds are reserved by open orders and still the bot&apos;s. Ghost bots trade paper money, counted apart from the real money of Trader bots.</source>
        <translation>Le P&amp;P est net de frais&#xa0;: réalisé sur ce qui a été vendu, latent sur ce qui est détenu au dernier prix du bot&#xa0;; les fonds bloqués sont réservés par des ordres ouverts et restent au bot. Les bots Ghost tradent de l’argent fictif, compté à part de l’argent réel des bots Trader.</translation>
    </message>
    <message>
        <source>Reserved by 1 open order.</source>
        <translation>Réservé par 1 ordre ouvert.</translation>
    </message>
    <message>
        <source>Reserved by %1 open orders.</source>
        <translation>Réservé par %1 ordres ouverts.</translation>
    </message>
    <message>
        <source>Paper (Ghost): %1</source>
        <translation>Fictif (Ghost)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Real (Trader): %1</source>
        <translation>Réel (Trader)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Balances at %1</source>
        <translation>Soldes à %1</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>Actualisation impossible&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Start here</source>
        <translation>Commencez ici</translation>
    </message>
    <message>
        <source>Bots need a platform to trade on. Start with the offline demo: it replays real past prices with play money, so nothing is at risk and no account is needed.

When you are ready, add a Binance API key. A read-only key is enough for Ghost bots, which trade paper money on live prices; Trader bots place real orders and need a key that can trade.</source>
        <translation>Les bots ont besoin d&apos;une plateforme où trader. Commencez par la démo hors ligne&#xa0;: elle rejoue de vrais prix passés avec de l&apos;argent fictif, sans aucun risque ni compte.

Quand vous êtes prêt, ajoutez une clé API Binance. Une clé en lecture seule suffit aux bots Ghost, qui tradent de l&apos;argent fictif sur les prix en direct&#xa0;; les bots Trader passent de vrais ordres et demandent une clé qui peut trader.</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Essayer la démo</translation>
    </message>
    <message>
        <source>Add a Binance key</source>
        <translation>Ajouter une clé Binance</translation>
    </message>
</context>
<context>
    <name>EquityChart</name>
    <message>
        <source>Strategy</source>
        <translation>Stratégie</translation>
    </message>
    <message>
        <source>Buy and hold</source>
        <translation>Achat conservé</translation>
    </message>
    <message>
        <source>Equity (%1)</source>
        <translation>Valeur (%1)</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export trades</source>
        <translation>Exporter les transactions</translation>
    </message>
    <message>
        <source>Every fill of every bot between two days (UTC, both included): date and time, pair, side, quantity, price, amount, fee, Binance&apos;s order and trade numbers, the bot and the platform. Amounts are written exactly as recorded.</source>
        <translation>Chaque exécution de chaque bot entre deux jours (UTC, inclus) : date et heure, paire, sens, quantité, prix, montant, frais, numéros d&apos;ordre et de transaction de Binance, le bot et la plateforme. Les montants sont écrits exactement comme enregistrés.</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au :</translation>
    </message>
    <message>
        <source>CSV (spreadsheets)</source>
        <translation>CSV (tableurs)</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Koinly (Universal CSV, for tax reports)</source>
        <translation>Koinly (CSV Universal, pour la fiscalité)</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat :</translation>
    </message>
    <message>
        <source>Include &amp;paper trades (Ghost bots, demo platforms)</source>
        <translation>Inclure les transactions sur &amp;papier (bots Ghost, plateformes de démo)</translation>
    </message>
    <message>
        <source>Paper trades moved no real money; included, each is marked as paper.</source>
        <translation>Les transactions sur papier n&apos;ont engagé aucun argent réel ; incluses, chacune est marquée comme telle.</translation>
    </message>
    <message>
        <source>File to write</source>
        <translation>Fichier à écrire</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>Choisissez le fichier à écrire.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <source>Trades written: %1, to %2.</source>
        <translation>Transactions écrites : %1, dans %2.</translation>
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
2. Sur Binance, ouvrez Gestion API → Créer une API → «&#xa0;Auto-générée&#xa0;», et collez-y cette clé publique.
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
    <name>KindChooser</name>
    <message>
        <source>Ghost — paper trading</source>
        <translation>Ghost — trading fictif</translation>
    </message>
    <message>
        <source>Trader — real orders</source>
        <translation>Trader — ordres réels</translation>
    </message>
    <message>
        <source>Paper money on real prices: nothing is bought or sold on your account.</source>
        <translation>Argent fictif sur de vrais prix&#xa0;: rien n&apos;est acheté ni vendu sur votre compte.</translation>
    </message>
    <message>
        <source>⚠ Places REAL orders on your account, with your money, up to the budget.</source>
        <translation>⚠ Passe de VRAIS ordres sur votre compte, avec votre argent, dans la limite du budget.</translation>
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
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Bots</source>
        <translation>Bots</translation>
    </message>
    <message>
        <source>Backtests</source>
        <translation>Backtests</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>Plateformes</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Export trades…</source>
        <translation>&amp;Exporter les transactions…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Platforms</source>
        <translation>&amp;Plateformes</translation>
    </message>
    <message>
        <source>&amp;Manage platforms…</source>
        <translation>&amp;Gérer les plateformes…</translation>
    </message>
    <message>
        <source>Add the offline &amp;demo</source>
        <translation>Ajouter la &amp;démo hors ligne</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Guide</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Getting started…</source>
        <translation>Premiers pas…</translation>
    </message>
    <message>
        <source>&amp;About Crypty Desktop</source>
        <translation>À &amp;propos de Crypty Desktop</translation>
    </message>
    <message>
        <source>Keychain: checking…</source>
        <translation>Trousseau&#xa0;: vérification…</translation>
    </message>
    <message>
        <source>No platform yet</source>
        <translation>Aucune plateforme</translation>
    </message>
    <message>
        <source>1 platform</source>
        <translation>1 plateforme</translation>
    </message>
    <message>
        <source>%1 platforms</source>
        <translation>%1 plateformes</translation>
    </message>
    <message>
        <source>Demo data: offline</source>
        <translation>Données de démo&#xa0;: hors ligne</translation>
    </message>
    <message>
        <source>The offline demo exchange is ready.</source>
        <translation>La plateforme de démo hors ligne est prête.</translation>
    </message>
    <message>
        <source>Keychain: OK</source>
        <translation>Trousseau&#xa0;: OK</translation>
    </message>
    <message>
        <source>API keys are stored in this computer&apos;s keychain, never in a file.</source>
        <translation>Les clés API sont gardées dans le trousseau de cet ordinateur, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>Keychain unavailable: Binance keys cannot be saved</source>
        <translation>Trousseau indisponible&#xa0;: impossible d&apos;enregistrer des clés Binance</translation>
    </message>
    <message>
        <source>About Crypty Desktop</source>
        <translation>À propos de Crypty Desktop</translation>
    </message>
    <message>
        <source>Runs crypto trading bots on your own Binance account, from your own computer.</source>
        <translation>Fait tourner des bots de trading de cryptomonnaies sur votre propre compte Binance, depuis votre propre ordinateur.</translation>
    </message>
    <message>
        <source>Ghost bots trade paper money; Trader bots place real orders.</source>
        <translation>Les bots Ghost tradent de l&apos;argent fictif&#xa0;; les bots Trader passent de vrais ordres.</translation>
    </message>
    <message>
        <source>Your API keys stay in this computer&apos;s keychain.</source>
        <translation>Vos clés API restent dans le trousseau de cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>MetricsPanel</name>
    <message>
        <source>Export report as CSV…</source>
        <translation>Exporter le rapport en CSV…</translation>
    </message>
    <message>
        <source>Export report as HTML…</source>
        <translation>Exporter le rapport en HTML…</translation>
    </message>
    <message>
        <source>Monthly returns</source>
        <translation>Rendements mensuels</translation>
    </message>
    <message>
        <source>Sharpe, Sortino and Calmar are scaled to a year: over less than a day they say little.</source>
        <translation>Sharpe, Sortino et Calmar sont ramenés à une année : sur moins d&apos;un jour, ils disent peu de chose.</translation>
    </message>
    <message>
        <source>Sharpe, Sortino and Calmar are scaled to a year: over %1 day they say little.</source>
        <translation>Sharpe, Sortino et Calmar sont ramenés à une année : sur %1 jour, ils disent peu de chose.</translation>
    </message>
    <message>
        <source>Sharpe, Sortino and Calmar are scaled to a year: over %1 days they say little.</source>
        <translation>Sharpe, Sortino et Calmar sont ramenés à une année : sur %1 jours, ils disent peu de chose.</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <source>%1 day</source>
        <translation>%1 jour</translation>
    </message>
    <message>
        <source>Sharpe</source>
        <translation>Sharpe</translation>
    </message>
    <message>
        <source>Sortino</source>
        <translation>Sortino</translation>
    </message>
    <message>
        <source>Calmar</source>
        <translation>Calmar</translation>
    </message>
    <message>
        <source>Profit factor</source>
        <translation>Facteur de profit</translation>
    </message>
    <message>
        <source>Expectancy</source>
        <translation>Espérance</translation>
    </message>
    <message>
        <source>Longest drawdown</source>
        <translation>Plus long repli</translation>
    </message>
    <message>
        <source>Mean return per candle over its spread, for a year (no risk-free rate). Above 1 is good.</source>
        <translation>Rendement moyen par bougie rapporté à sa dispersion, sur un an (sans taux sans risque). Au-dessus de 1, c&apos;est bien.</translation>
    </message>
    <message>
        <source>Like Sharpe, counting only the falls.</source>
        <translation>Comme Sharpe, en ne comptant que les baisses.</translation>
    </message>
    <message>
        <source>Yearly growth over the max drawdown.</source>
        <translation>Croissance annuelle rapportée au repli maximal.</translation>
    </message>
    <message>
        <source>Gains of the winning round trips over the losses of the losing ones. Above 1 makes money.</source>
        <translation>Gains des allers-retours gagnants rapportés aux pertes des perdants. Au-dessus de 1, on gagne de l&apos;argent.</translation>
    </message>
    <message>
        <source>The mean gain of a round trip, fees included.</source>
        <translation>Le gain moyen d&apos;un aller-retour, frais compris.</translation>
    </message>
    <message>
        <source>The longest time from a peak of equity back to it.</source>
        <translation>Le plus long délai entre un sommet du capital et son retour à ce niveau.</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Enregistré dans %1.</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Pages web (*.html)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>The file could not be written: %1.</source>
        <translation>Le fichier n&apos;a pas pu être écrit&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>NextSteps</name>
    <message>
        <source>Your platforms are ready</source>
        <translation>Vos plateformes sont prêtes</translation>
    </message>
    <message>
        <source>Manage platforms…</source>
        <translation>Gérer les plateformes…</translation>
    </message>
    <message>
        <source>Bots will run on: %1.

Bots come next: each bot follows one strategy on one market, as a Ghost (paper money) or a Trader (real orders). The list of your bots will appear here, with their state and results.</source>
        <translation>Les bots tourneront sur&#xa0;: %1.

À vous les bots&#xa0;: chacun suit une stratégie sur un marché, en Ghost (argent fictif) ou en Trader (ordres réels). La liste de vos bots s&apos;affichera ici, avec leur état et leurs résultats.</translation>
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
        <source>%1: an order is still not confirmed by Binance</source>
        <translation>%1 : un ordre n&apos;est toujours pas confirmé par Binance</translation>
    </message>
    <message>
        <source>%1: Binance blocked requests for a while</source>
        <translation>%1&#xa0;: Binance a bloqué les requêtes pour un temps</translation>
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
        <source>Adding Binance&apos;s public prices…</source>
        <translation>Ajout des prix publics de Binance…</translation>
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
    <name>OptimiseResults</name>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Round trips</source>
        <translation>Allers-retours</translation>
    </message>
    <message>
        <source>Net P&amp;L</source>
        <translation>P&amp;L net</translation>
    </message>
    <message>
        <source>Bot engine</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <source>The objective: %1</source>
        <translation>L&apos;objectif&#xa0;: %1</translation>
    </message>
    <message>
        <source>Buys followed by their sale; a combination needs %1 to be ranked</source>
        <translation>Achats suivis de leur vente&#xa0;; une combinaison en demande %1 pour être classée</translation>
    </message>
    <message>
        <source>Net P&amp;L after fees</source>
        <translation>P&amp;L net après frais</translation>
    </message>
    <message>
        <source>The best combinations re-run through the bot engine: the same fills as the backtest, or different ones</source>
        <translation>Les meilleures combinaisons rejouées par le moteur des bots&#xa0;: les mêmes exécutions que le backtest, ou d&apos;autres</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refusée</translation>
    </message>
    <message>
        <source>✓ same fills</source>
        <translation>✓ mêmes exécutions</translation>
    </message>
    <message>
        <source>✗ different fills</source>
        <translation>✗ exécutions différentes</translation>
    </message>
</context>
<context>
    <name>OptimiseResultsView</name>
    <message>
        <source>Run as a Ghost bot…</source>
        <translation>Lancer en bot Ghost…</translation>
    </message>
    <message>
        <source>Create a Ghost bot (paper trading on live prices) with the chosen row&apos;s parameters (the best one if no row is chosen).</source>
        <translation>Créer un bot Ghost (trading fictif sur les prix réels) avec les paramètres de la ligne choisie (la meilleure si aucune ligne n&apos;est choisie).</translation>
    </message>
    <message>
        <source>Scores</source>
        <translation>Classement</translation>
    </message>
    <message>
        <source>Every combination tried, with its score, round trips and net P&amp;L: click a column&apos;s header to sort by it.</source>
        <translation>Chaque combinaison essayée, avec son score, ses allers-retours et son P&amp;L net&#xa0;: cliquez sur l&apos;en-tête d&apos;une colonne pour trier.</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>The score over two parameters: each cell shows the best over the other parameters.</source>
        <translation>Carte de chaleur&#xa0;: le score selon deux paramètres&#xa0;; chaque case montre le meilleur sur les autres paramètres.</translation>
    </message>
    <message>
        <source>Walk-forward</source>
        <translation>Walk-forward</translation>
    </message>
    <message>
        <source>Walk-forward: the values chosen on each fold&apos;s in-sample candles, then scored on the out-of-sample candles that follow.</source>
        <translation>Walk-forward&#xa0;: les valeurs choisies sur les bougies de chaque pli dans l&apos;échantillon, puis notées sur les bougies hors échantillon qui suivent.</translation>
    </message>
    <message>
        <source>Monte Carlo</source>
        <translation>Monte-Carlo</translation>
    </message>
    <message>
        <source>Monte Carlo: the best combination&apos;s round trips resampled, to see how much of its result was the luck of their order.</source>
        <translation>Monte-Carlo&#xa0;: les allers-retours de la meilleure combinaison rééchantillonnés, pour voir la part de son résultat due à la chance de leur ordre.</translation>
    </message>
    <message>
        <source>Stability</source>
        <translation>Stabilité</translation>
    </message>
    <message>
        <source>Stability: the scores of the best point&apos;s neighbours (one step along one parameter).</source>
        <translation>Stabilité&#xa0;: les scores des voisins du meilleur point (un pas le long d&apos;un paramètre).</translation>
    </message>
    <message>
        <source>%1 from the file %2</source>
        <translation>%1 du fichier %2</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1 candles</source>
        <translation>%1 bougies</translation>
    </message>
    <message>
        <source>budget %1, fee %2</source>
        <translation>budget %1, frais %2</translation>
    </message>
    <message>
        <source>%1 combinations tried on %2 candles in %3 s: %4 refused by the strategy, %5 with enough round trips.</source>
        <translation>%1 combinaisons essayées sur %2 bougies en %3 s&#xa0;: %4 refusées par la stratégie, %5 avec assez d&apos;allers-retours.</translation>
    </message>
    <message>
        <source>Re-run through the bot engine, %1 of the best %2 give the same fills.</source>
        <translation>Rejouées par le moteur des bots, %1 des %2 meilleures donnent les mêmes exécutions.</translation>
    </message>
    <message>
        <source>Across:</source>
        <translation>En abscisse&#xa0;:</translation>
    </message>
    <message>
        <source>Up:</source>
        <translation>En ordonnée&#xa0;:</translation>
    </message>
    <message>
        <source>Colour: the score (%1), the best over the other parameters; grey: no combination there made enough round trips.</source>
        <translation>Couleur&#xa0;: le score (%1), le meilleur sur les autres paramètres&#xa0;; gris&#xa0;: aucune combinaison n&apos;y a fait assez d&apos;allers-retours.</translation>
    </message>
    <message>
        <source>Vary two parameters to see a heatmap.</source>
        <translation>Faites varier deux paramètres pour voir une carte de chaleur.</translation>
    </message>
    <message>
        <source>not ranked</source>
        <translation>non classé</translation>
    </message>
    <message>
        <source>Walk-forward was not asked for (0 folds).</source>
        <translation>Le walk-forward n&apos;a pas été demandé (0 pli).</translation>
    </message>
    <message>
        <source>Fold</source>
        <translation>Pli</translation>
    </message>
    <message>
        <source>Chosen in-sample</source>
        <translation>Choisi dans l&apos;échantillon</translation>
    </message>
    <message>
        <source>Score in-sample</source>
        <translation>Score dans l&apos;échantillon</translation>
    </message>
    <message>
        <source>Score out-of-sample</source>
        <translation>Score hors échantillon</translation>
    </message>
    <message>
        <source>P&amp;L in → out</source>
        <translation>P&amp;L dans → hors</translation>
    </message>
    <message>
        <source>Fold %1</source>
        <translation>Pli %1</translation>
    </message>
    <message>
        <source>in-sample</source>
        <translation>dans l&apos;échantillon</translation>
    </message>
    <message>
        <source>out-of-sample</source>
        <translation>hors échantillon</translation>
    </message>
    <message>
        <source>Each fold searches one window and scores its winner on the next window, unseen. P&amp;L in-sample %1, out-of-sample %2: degradation %3.</source>
        <translation>Chaque pli cherche sur une fenêtre et note son gagnant sur la fenêtre suivante, jamais vue. P&amp;L dans l&apos;échantillon %1, hors échantillon %2&#xa0;: dégradation %3.</translation>
    </message>
    <message>
        <source>Monte Carlo was not asked for (0 runs), or the best combination made no round trip.</source>
        <translation>Monte-Carlo n&apos;a pas été demandé (0 tirage), ou la meilleure combinaison n&apos;a fait aucun aller-retour.</translation>
    </message>
    <message>
        <source>Final P&amp;L (%1)</source>
        <translation>P&amp;L final (%1)</translation>
    </message>
    <message>
        <source>Max drawdown</source>
        <translation>Repli maximal</translation>
    </message>
    <message>
        <source>%1 resampled sequences of the best combination&apos;s %2 round trips (drawn with replacement). Probability of a loss: %3. Final P&amp;L: 5 %: %4, median %5, 95 %: %6. Max drawdown, median: %7.</source>
        <translation>%1 séquences rééchantillonnées des %2 allers-retours de la meilleure combinaison (tirés avec remise). Probabilité d&apos;une perte&#xa0;: %3. P&amp;L final&#xa0;: 5 %&#xa0;: %4, médiane %5, 95 %&#xa0;: %6. Repli maximal, médiane&#xa0;: %7.</translation>
    </message>
    <message>
        <source>No combination was ranked.</source>
        <translation>Aucune combinaison n&apos;a été classée.</translation>
    </message>
    <message>
        <source>a sharp peak: the score is likely luck of these exact values</source>
        <translation>un pic isolé&#xa0;: le score tient sans doute à la chance de ces valeurs exactes</translation>
    </message>
    <message>
        <source>a plateau: the neighbours score close to it</source>
        <translation>un plateau&#xa0;: les voisins obtiennent un score proche</translation>
    </message>
    <message>
        <source>The best point scores %1; its %2 neighbours (one step along one parameter) score %3 on average, %4 lower. It is %5.</source>
        <translation>Le meilleur point obtient %1&#xa0;; ses %2 voisins (un pas sur un paramètre) obtiennent %3 en moyenne, %4 de moins. C&apos;est %5.</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>This result failed the checks against overfitting:</source>
        <translation>Ce résultat a échoué aux contrôles contre le surajustement&#xa0;:</translation>
    </message>
    <message>
        <source>This result passed the checks against overfitting:</source>
        <translation>Ce résultat a passé les contrôles contre le surajustement&#xa0;:</translation>
    </message>
    <message>
        <source>A Ghost bot trades paper money on live prices: a safe way to see whether it holds. Create it anyway?</source>
        <translation>Un bot Ghost trade de l&apos;argent fictif sur les prix réels&#xa0;: un moyen sûr de voir si le résultat tient. Le créer quand même&#xa0;?</translation>
    </message>
    <message>
        <source>Create the Ghost bot with these parameters?</source>
        <translation>Créer le bot Ghost avec ces paramètres&#xa0;?</translation>
    </message>
    <message>
        <source>Run as a Ghost bot</source>
        <translation>Lancer en bot Ghost</translation>
    </message>
    <message>
        <source>Create Ghost bot</source>
        <translation>Créer le bot Ghost</translation>
    </message>
</context>
<context>
    <name>OptimiseTab</name>
    <message>
        <source>Stop-loss %</source>
        <translation>Stop-loss %</translation>
    </message>
    <message>
        <source>Take-profit %</source>
        <translation>Prise de bénéfice %</translation>
    </message>
    <message>
        <source>Trailing stop %</source>
        <translation>Stop suiveur %</translation>
    </message>
    <message>
        <source>Max drawdown %</source>
        <translation>Repli maximal %</translation>
    </message>
    <message>
        <source>Net P&amp;L after fees</source>
        <translation>P&amp;L net après frais</translation>
    </message>
    <message>
        <source>Sharpe ratio</source>
        <translation>Ratio de Sharpe</translation>
    </message>
    <message>
        <source>Sortino ratio</source>
        <translation>Ratio de Sortino</translation>
    </message>
    <message>
        <source>Calmar ratio</source>
        <translation>Ratio de Calmar</translation>
    </message>
    <message>
        <source>Profit factor</source>
        <translation>Facteur de profit</translation>
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
        <source>%1: write one value (10), a range FROM:TO:STEP (5:50:5) or choices separated by ; (5; 10; 20).</source>
        <translation>%1&#xa0;: écrivez une valeur (10), une plage DE:À:PAS (5:50:5) ou des choix séparés par ; (5; 10; 20).</translation>
    </message>
    <message>
        <source>Candles</source>
        <translation>Bougies</translation>
    </message>
    <message>
        <source>How to read an optimisation</source>
        <translation>Comment lire une optimisation</translation>
    </message>
    <message>
        <source>The settings, the checks against overfitting and their limits, in the guide.</source>
        <translation>Les réglages, les contrôles contre le surajustement et leurs limites, dans le guide.</translation>
    </message>
    <message>
        <source>For each: one value (10), a range FROM:TO:STEP (5:50:5) or choices separated by ; (5; 10; 20). A risk setting of 0 is off.</source>
        <translation>Pour chacun&#xa0;: une valeur (10), une plage DE:À:PAS (5:50:5) ou des choix séparés par ; (5; 10; 20). Un réglage de risque à 0 est désactivé.</translation>
    </message>
    <message>
        <source>Strategy and values to try</source>
        <translation>Stratégie et valeurs à essayer</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Stratégie&#xa0;:</translation>
    </message>
    <message>
        <source>Every combination</source>
        <translation>Toutes les combinaisons</translation>
    </message>
    <message>
        <source>Random sample of</source>
        <translation>Échantillon aléatoire de</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>Best by:</source>
        <translation>Meilleur selon&#xa0;:</translation>
    </message>
    <message>
        <source>Fewest round trips:</source>
        <translation>Allers-retours minimum&#xa0;:</translation>
    </message>
    <message>
        <source>Walk-forward folds:</source>
        <translation>Plis de walk-forward&#xa0;:</translation>
    </message>
    <message>
        <source>Monte Carlo runs:</source>
        <translation>Tirages Monte-Carlo&#xa0;:</translation>
    </message>
    <message>
        <source>Optimise</source>
        <translation>Optimiser</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Optimise tries many values of a strategy&apos;s parameters and risk settings on the same candles, on every core of this computer, and ranks them. Then it checks the winner against overfitting: walk-forward (does it keep winning on candles it has not seen?), Monte Carlo (how much was the luck of the trades&apos; order?) and stability (do nearby values score as well?).

A result that fails these checks is labelled so: its past score is unlikely to hold.</source>
        <translation>Optimiser essaie de nombreuses valeurs des paramètres et des réglages de risque d&apos;une stratégie sur les mêmes bougies, sur tous les cœurs de cet ordinateur, et les classe. Puis il contrôle le gagnant contre le surajustement&#xa0;: walk-forward (continue-t-il de gagner sur des bougies qu&apos;il n&apos;a pas vues&#xa0;?), Monte-Carlo (quelle part doit-il à la chance de l&apos;ordre des trades&#xa0;?) et stabilité (les valeurs voisines font-elles aussi bien&#xa0;?).

Un résultat qui échoue à ces contrôles est signalé comme tel&#xa0;: son score passé a peu de chances de tenir.</translation>
    </message>
    <message>
        <source>%1 combinations to try.</source>
        <translation>%1 combinaisons à essayer.</translation>
    </message>
    <message>
        <source>Starting the worker processes…</source>
        <translation>Démarrage des processus de calcul…</translation>
    </message>
    <message>
        <source>Optimisation cancelled.</source>
        <translation>Optimisation annulée.</translation>
    </message>
    <message>
        <source>Walk-forward: fold %1 of %2</source>
        <translation>Walk-forward&#xa0;: pli %1 sur %2</translation>
    </message>
    <message>
        <source>Re-running the best through the bot engine</source>
        <translation>Rejeu des meilleures par le moteur des bots</translation>
    </message>
    <message>
        <source>Stability: backtesting neighbours</source>
        <translation>Stabilité&#xa0;: backtest des voisines</translation>
    </message>
    <message>
        <source>Monte Carlo: resampling trades</source>
        <translation>Monte-Carlo&#xa0;: rééchantillonnage des trades</translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>encore %1 environ</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Terminé.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
</context>
<context>
    <name>PanicController</name>
    <message>
        <source>Make everything &amp;safe…</source>
        <translation>Tout mettre en &amp;sécurité…</translation>
    </message>
    <message>
        <source>Stop every bot and cancel its open orders on the exchange (asks first).</source>
        <translation>Arrêter tous les bots et annuler leurs ordres ouverts sur la plateforme (demande d’abord).</translation>
    </message>
    <message>
        <source>Making everything safe…</source>
        <translation>Mise en sécurité en cours…</translation>
    </message>
    <message>
        <source>Make everything safe</source>
        <translation>Tout mettre en sécurité</translation>
    </message>
    <message>
        <source>Making everything safe failed: %1</source>
        <translation>La mise en sécurité a échoué : %1</translation>
    </message>
</context>
<context>
    <name>PanicDialog</name>
    <message>
        <source>“%1”</source>
        <translation>« %1 »</translation>
    </message>
    <message>
        <source>Make everything safe</source>
        <translation>Tout mettre en sécurité</translation>
    </message>
    <message>
        <source>Stop every bot and cancel its open orders on the exchange.</source>
        <translation>Arrêter tous les bots et annuler leurs ordres ouverts sur la plateforme.</translation>
    </message>
    <message>
        <source>Also sell what the Trader bots hold, at market</source>
        <translation>Vendre aussi ce que détiennent les bots Trader, au marché</translation>
    </message>
    <message>
        <source>A market sale takes whatever price the order book offers now. Stopped bots do not start again by themselves; you start them when you are ready.</source>
        <translation>Une vente au marché prend le prix que le carnet d’ordres offre à l’instant. Les bots arrêtés ne redémarrent pas tout seuls : vous les relancez quand vous êtes prêt.</translation>
    </message>
    <message>
        <source>Stop the bots running in this window: %1.</source>
        <translation>Arrêter les bots qui tournent dans cette fenêtre : %1.</translation>
    </message>
    <message>
        <source>Cancel every open order of the Trader bots on the exchange: %1.</source>
        <translation>Annuler tous les ordres ouverts des bots Trader sur la plateforme : %1.</translation>
    </message>
    <message>
        <source>Stop the Ghost bots (paper money, nothing on the exchange): %1.</source>
        <translation>Arrêter les bots Ghost (argent fictif, rien sur la plateforme) : %1.</translation>
    </message>
    <message>
        <source>Not touched: %1 Stop it there first.</source>
        <translation>Non touché : %1 Arrêtez-le d’abord là-bas.</translation>
    </message>
    <message>
        <source>No bot to make safe.</source>
        <translation>Aucun bot à mettre en sécurité.</translation>
    </message>
</context>
<context>
    <name>PanicReportDialog</name>
    <message>
        <source>Make everything safe: what was done</source>
        <translation>Tout mettre en sécurité : ce qui a été fait</translation>
    </message>
    <message>
        <source>Some bots could not be made safe: see below.</source>
        <translation>Certains bots n’ont pas pu être mis en sécurité : voir ci-dessous.</translation>
    </message>
    <message>
        <source>Everything is safe.</source>
        <translation>Tout est en sécurité.</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>From %1 to %2%3.</source>
        <translation>De %1 à %2%3.</translation>
    </message>
    <message>
        <source>At least %1%2.</source>
        <translation>Au moins %1%2.</translation>
    </message>
    <message>
        <source>At most %1%2.</source>
        <translation>Au plus %1%2.</translation>
    </message>
    <message>
        <source>quote asset</source>
        <translation>devise de cotation</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1&#xa0;:</translation>
    </message>
</context>
<context>
    <name>ParityDialog</name>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Bot: quantity @ price</source>
        <translation>Bot : quantité @ prix</translation>
    </message>
    <message>
        <source>Backtest: quantity @ price</source>
        <translation>Backtest : quantité @ prix</translation>
    </message>
    <message>
        <source>Price difference</source>
        <translation>Écart de prix</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Compare “%1” with a backtest</source>
        <translation>Comparer «&#xa0;%1&#xa0;» avec un backtest</translation>
    </message>
    <message>
        <source>The bot&apos;s own window replayed through the backtest: its candles, its parameters, its budget and risk limits. Each trade of the bot is paired with the backtest&apos;s on the same candle; the rest is explained.</source>
        <translation>La période du bot rejouée dans le backtest : ses bougies, ses paramètres, son budget et ses limites de risque. Chaque trade du bot est apparié à celui du backtest sur la même bougie ; le reste est expliqué.</translation>
    </message>
    <message>
        <source>Replaying the bot&apos;s window…</source>
        <translation>Rejeu de la période du bot…</translation>
    </message>
    <message>
        <source>Trades compared</source>
        <translation>Trades comparés</translation>
    </message>
    <message>
        <source>%1 candles of %2 from %3 to %4 (UTC).</source>
        <translation>%1 bougies de %2 du %3 au %4 (UTC).</translation>
    </message>
    <message>
        <source>Identical: %1 of %2 matched; largest price difference %3.</source>
        <translation>Identiques : %1 sur %2 appariés ; plus grand écart de prix %3.</translation>
    </message>
    <message>
        <source>✓ Matched</source>
        <translation>✓ Concorde</translation>
    </message>
    <message>
        <source>✗ Only the bot</source>
        <translation>✗ Seulement le bot</translation>
    </message>
    <message>
        <source>✗ Only the backtest</source>
        <translation>✗ Seulement le backtest</translation>
    </message>
    <message>
        <source>▲ Buy</source>
        <translation>▲ Achat</translation>
    </message>
    <message>
        <source>▼ Sell</source>
        <translation>▼ Vente</translation>
    </message>
    <message>
        <source>Same candle, price and quantity.</source>
        <translation>Même bougie, même prix, même quantité.</translation>
    </message>
</context>
<context>
    <name>PlatformCard</name>
    <message>
        <source>Reading balances…</source>
        <translation>Lecture des soldes…</translation>
    </message>
    <message>
        <source>(no price)</source>
        <translation>(pas de prix)</translation>
    </message>
    <message>
        <source>%1 locked in orders</source>
        <translation>%1 bloqués en ordres</translation>
    </message>
    <message>
        <source>Nothing held.</source>
        <translation>Rien en portefeuille.</translation>
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
        <source>Binance Demo Mode — play money on live markets (keys from demo.binance.com)</source>
        <translation>Binance, mode démo — argent fictif sur le marché réel (clés de demo.binance.com)</translation>
    </message>
    <message>
        <source>Binance public data — live prices, no key (Ghost bots only)</source>
        <translation>Binance, données publiques — prix en direct, sans clé (bots Ghost seulement)</translation>
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
        <source>no limit</source>
        <translation>aucune limite</translation>
    </message>
    <message>
        <source>in the bots&apos; quote asset, per UTC day</source>
        <translation>dans l’actif de cotation des bots, par jour UTC</translation>
    </message>
    <message>
        <source>Daily loss limit</source>
        <translation>Perte maximale par jour</translation>
    </message>
    <message>
        <source>What happens when the limit is reached?</source>
        <translation>Que se passe-t-il quand la limite est atteinte&#xa0;?</translation>
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
        <source>The daily loss limit is an amount greater than 0; leave it empty for none.</source>
        <translation>La perte maximale par jour est un montant supérieur à 0 ; laissez vide pour aucune limite.</translation>
    </message>
    <message>
        <source>The key pair is still being generated. Try again.</source>
        <translation>La paire de clés est encore en cours de génération. Réessayez.</translation>
    </message>
    <message>
        <source>Binance&apos;s public prices need no key: live prices for charts, backtests and Ghost bots. No order can be placed.</source>
        <translation>Les prix publics de Binance ne demandent aucune clé : les prix en direct pour les graphiques, les backtests et les bots Ghost. Aucun ordre ne peut être passé.</translation>
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
        <source>Platforms</source>
        <translation>Plateformes</translation>
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
        <source>Removing “%1”…</source>
        <translation>Suppression de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Remove its bots and the platform</source>
        <translation>Supprimer ses bots et la plateforme</translation>
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
    <name>PlatformsPage</name>
    <message>
        <source>Platforms</source>
        <translation>Plateformes</translation>
    </message>
    <message>
        <source>Manage platforms…</source>
        <translation>Gérer les plateformes…</translation>
    </message>
</context>
<context>
    <name>PriceChart</name>
    <message>
        <source>%1   O %2   H %3   L %4   C %5   %6   Vol %7</source>
        <translation>%1   Ouv. %2   Haut %3   Bas %4   Clôt. %5   %6   Vol. %7</translation>
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
    <name>RemovalBox</name>
    <message>
        <source>Buy</source>
        <translation>Achat</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Vente</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>à %1</translation>
    </message>
    <message>
        <source>at market</source>
        <translation>au marché</translation>
    </message>
    <message>
        <source>%1: %2 %3 %4 %5 — holds %6</source>
        <translation>%1 : %2 %3 %4 %5 — bloque %6</translation>
    </message>
    <message>
        <source>Open orders to cancel (%1 in all, holding %2):</source>
        <translation>Ordres ouverts à annuler (%1 en tout, bloquant %2) :</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
    <message>
        <source>Bots to stop: %1</source>
        <translation>Bots à arrêter : %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
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
        <source>What the window&apos;s close button does while bots run. File › Quit always quits (running bots stop and resume at the next start if Resume bots on start is on).</source>
        <translation>Ce que fait le bouton de fermeture de la fenêtre pendant que des bots tournent. Fichier › Quitter quitte toujours (les bots en cours s&apos;arrêtent et reprennent au prochain démarrage si Relancer les bots au démarrage est activé).</translation>
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
        <source>On this computer</source>
        <translation>Sur cet ordinateur</translation>
    </message>
    <message>
        <source>Settings pages</source>
        <translation>Pages des paramètres</translation>
    </message>
    <message>
        <source>Alerts elsewhere</source>
        <translation>Alertes ailleurs</translation>
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
        <source>A Trader bot waits long for Binance to confirm an order</source>
        <translation>Un bot Trader attend longtemps que Binance confirme un ordre</translation>
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
        <source>Watch live Binance prices (no key needed)</source>
        <translation>Suivre les prix de Binance en direct (sans clé)</translation>
    </message>
    <message>
        <source>Adds Binance&apos;s public market data: today&apos;s real prices for charts, backtests and Ghost bots trading on paper from the budget you give them. No account, no key; no order can be placed.</source>
        <translation>Ajoute les données de marché publiques de Binance : les prix réels d&apos;aujourd&apos;hui pour les graphiques, les backtests et des bots Ghost qui tradent sur papier avec le budget que vous leur donnez. Ni compte, ni clé ; aucun ordre ne peut être passé.</translation>
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
    <name>StopQuestion</name>
    <message>
        <source>1 order</source>
        <translation>1 ordre</translation>
    </message>
    <message>
        <source>%1 orders</source>
        <translation>%1 ordres</translation>
    </message>
    <message>
        <source>%1, %2 locked</source>
        <translation>%1, %2 bloqués</translation>
    </message>
    <message>
        <source>%1 held</source>
        <translation>%1 détenus</translation>
    </message>
    <message>
        <source>Ghost, paper</source>
        <translation>Ghost, fictif</translation>
    </message>
    <message>
        <source>Trader on %1</source>
        <translation>Trader sur %1</translation>
    </message>
    <message>
        <source>Stop all bots?</source>
        <translation>Arrêter tous les bots&#xa0;?</translation>
    </message>
    <message>
        <source>1 bot has open orders or holdings.</source>
        <translation>1 bot a des ordres ouverts ou des avoirs.</translation>
    </message>
    <message>
        <source>%1 bots have open orders or holdings.</source>
        <translation>%1 bots ont des ordres ouverts ou des avoirs.</translation>
    </message>
    <message>
        <source>Stop “%1”?</source>
        <translation>Arrêter «&#xa0;%1&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>“%1” leaves:</source>
        <translation>«&#xa0;%1&#xa0;» laisse&#xa0;:</translation>
    </message>
    <message>
        <source>Keep: the orders stay on the exchange and may still fill while the bot is stopped.</source>
        <translation>Conserver&#xa0;: les ordres restent sur la plateforme et peuvent encore s’exécuter pendant que le bot est arrêté.</translation>
    </message>
    <message>
        <source>Keep: the paper orders wait; they fill only while the bot runs.</source>
        <translation>Conserver&#xa0;: les ordres fictifs attendent&#xa0;; ils ne s’exécutent que pendant que le bot tourne.</translation>
    </message>
    <message>
        <source>Cancel: the orders are cancelled and what they locked is free again.</source>
        <translation>Annuler&#xa0;: les ordres sont annulés et ce qu’ils bloquaient redevient disponible.</translation>
    </message>
    <message>
        <source>Cancel and sell: then what the bot holds is sold at market.</source>
        <translation>Annuler et vendre&#xa0;: ensuite, ce que le bot détient est vendu au marché.</translation>
    </message>
    <message>
        <source>Keep orders</source>
        <translation>Conserver les ordres</translation>
    </message>
    <message>
        <source>Cancel orders</source>
        <translation>Annuler les ordres</translation>
    </message>
    <message>
        <source>Cancel orders and sell</source>
        <translation>Annuler et vendre</translation>
    </message>
    <message>
        <source>Sell at market</source>
        <translation>Vendre au marché</translation>
    </message>
    <message>
        <source>Don&apos;t stop</source>
        <translation>Ne pas arrêter</translation>
    </message>
</context>
<context>
    <name>Strategies</name>
    <message>
        <source>Grid</source>
        <translation>Grille</translation>
    </message>
    <message>
        <source>Places buy orders on evenly spaced price levels between a lower and an upper price. Each time a buy fills, the bot offers what it bought one level higher; each time that sells, it buys again at the level below. It earns the gap between two levels on every round trip and suits a market that moves sideways inside the range. Outside the range it waits. The budget should cover the amount per level for every level but the top one.</source>
        <translation>Place des ordres d&apos;achat sur des niveaux de prix régulièrement espacés entre un prix bas et un prix haut. Chaque fois qu&apos;un achat est exécuté, le bot revend ce qu&apos;il a acheté un niveau plus haut&#xa0;; chaque fois que cela se vend, il rachète au niveau inférieur. Il gagne l&apos;écart entre deux niveaux à chaque aller-retour et convient à un marché qui évolue latéralement dans la fourchette. Hors de la fourchette, il attend. Le budget doit couvrir le montant par niveau pour tous les niveaux sauf le plus haut.</translation>
    </message>
    <message>
        <source>Lower price</source>
        <translation>Prix bas</translation>
    </message>
    <message>
        <source>The lowest level of the grid: the bot never buys below this price.</source>
        <translation>Le niveau le plus bas de la grille&#xa0;: le bot n&apos;achète jamais en dessous de ce prix.</translation>
    </message>
    <message>
        <source>Upper price</source>
        <translation>Prix haut</translation>
    </message>
    <message>
        <source>The highest level of the grid: the bot never buys above this price.</source>
        <translation>Le niveau le plus haut de la grille&#xa0;: le bot n&apos;achète jamais au-dessus de ce prix.</translation>
    </message>
    <message>
        <source>Number of levels</source>
        <translation>Nombre de niveaux</translation>
    </message>
    <message>
        <source>How many price levels, the lower and upper prices included, evenly spaced.</source>
        <translation>Combien de niveaux de prix, prix bas et haut compris, régulièrement espacés.</translation>
    </message>
    <message>
        <source>Amount per level</source>
        <translation>Montant par niveau</translation>
    </message>
    <message>
        <source>How much of the quote currency (e.g. USDT) each buy order spends.</source>
        <translation>Combien de la devise de cotation (ex. USDT) chaque ordre d&apos;achat dépense.</translation>
    </message>
    <message>
        <source>DCA</source>
        <translation>DCA</translation>
    </message>
    <message>
        <source>Dollar-cost averaging: buys a fixed amount at regular intervals (and, if you wish, each time the price drops a given percentage below the last buy), then sells everything once the price is a chosen percentage above the average buying price, and starts again. Optional safety orders buy more, in growing amounts, when the price falls well below the average buying price, which lowers it.</source>
        <translation>Investissement programmé (DCA)&#xa0;: achète un montant fixe à intervalles réguliers (et, si vous le souhaitez, chaque fois que le prix baisse d&apos;un pourcentage donné sous le dernier achat), puis vend tout une fois le prix au-dessus du prix d&apos;achat moyen d&apos;un pourcentage choisi, et recommence. Des ordres de sécurité facultatifs achètent davantage, par montants croissants, quand le prix passe nettement sous le prix d&apos;achat moyen, ce qui l&apos;abaisse.</translation>
    </message>
    <message>
        <source>Amount per buy</source>
        <translation>Montant par achat</translation>
    </message>
    <message>
        <source>How much of the quote currency (e.g. USDT) each regular buy spends.</source>
        <translation>Combien de la devise de cotation (ex. USDT) chaque achat régulier dépense.</translation>
    </message>
    <message>
        <source>Buy every</source>
        <translation>Acheter toutes les</translation>
    </message>
    <message>
        <source>A regular buy happens every this many candles. 0: no schedule, buy only on price drops.</source>
        <translation>Un achat régulier a lieu toutes les N bougies. 0&#xa0;: pas de calendrier, achat seulement sur baisse du prix.</translation>
    </message>
    <message>
        <source>candles</source>
        <translation>bougies</translation>
    </message>
    <message>
        <source>Buy on a drop of</source>
        <translation>Acheter sur une baisse de</translation>
    </message>
    <message>
        <source>Also buy when the price is this much below the last regular buy. 0: off.</source>
        <translation>Acheter aussi quand le prix est d&apos;autant sous le dernier achat régulier. 0&#xa0;: désactivé.</translation>
    </message>
    <message>
        <source>Take profit at</source>
        <translation>Prendre le bénéfice à</translation>
    </message>
    <message>
        <source>Sell everything when the price is this much above the average buying price.</source>
        <translation>Tout vendre quand le prix est d&apos;autant au-dessus du prix d&apos;achat moyen.</translation>
    </message>
    <message>
        <source>Safety orders</source>
        <translation>Ordres de sécurité</translation>
    </message>
    <message>
        <source>How many extra buys at most while the price is well below the average buying price. 0: none.</source>
        <translation>Combien d&apos;achats supplémentaires au plus quand le prix est nettement sous le prix d&apos;achat moyen. 0&#xa0;: aucun.</translation>
    </message>
    <message>
        <source>Safety order when down</source>
        <translation>Ordre de sécurité à la baisse de</translation>
    </message>
    <message>
        <source>A safety order buys when the price is this much below the average buying price.</source>
        <translation>Un ordre de sécurité achète quand le prix est d&apos;autant sous le prix d&apos;achat moyen.</translation>
    </message>
    <message>
        <source>Safety order size factor</source>
        <translation>Facteur de taille des ordres de sécurité</translation>
    </message>
    <message>
        <source>The first safety order spends the amount per buy times this factor, the second times this factor twice, and so on.</source>
        <translation>Le premier ordre de sécurité dépense le montant par achat multiplié par ce facteur, le deuxième par ce facteur deux fois, et ainsi de suite.</translation>
    </message>
    <message>
        <source>SMA crossover</source>
        <translation>Croisement de moyennes mobiles</translation>
    </message>
    <message>
        <source>Follows trends with two moving averages of the closing price. When the fast average crosses above the slow one (a “golden cross”) the bot buys; when it crosses back below (a “death cross”) it sells everything it holds. It makes no decision until both averages exist, never buys while holding and never sells while holding nothing.</source>
        <translation>Suit les tendances avec deux moyennes mobiles du prix de clôture. Quand la moyenne rapide passe au-dessus de la lente («&#xa0;golden cross&#xa0;»), le bot achète&#xa0;; quand elle repasse en dessous («&#xa0;death cross&#xa0;»), il vend tout ce qu&apos;il détient. Il ne décide rien tant que les deux moyennes n&apos;existent pas, n&apos;achète jamais en détenant déjà et ne vend jamais sans rien détenir.</translation>
    </message>
    <message>
        <source>Fast average</source>
        <translation>Moyenne rapide</translation>
    </message>
    <message>
        <source>How many recent candles the fast (short) moving average covers.</source>
        <translation>Combien de bougies récentes couvre la moyenne mobile rapide (courte).</translation>
    </message>
    <message>
        <source>Slow average</source>
        <translation>Moyenne lente</translation>
    </message>
    <message>
        <source>How many recent candles the slow (long) moving average covers. Must be longer than the fast average.</source>
        <translation>Combien de bougies récentes couvre la moyenne mobile lente (longue). Doit être plus longue que la moyenne rapide.</translation>
    </message>
    <message>
        <source>How much of the quote currency (e.g. USDT) each buy spends. 0 spends everything the bot has left of its budget.</source>
        <translation>Combien de la devise de cotation (ex. USDT) chaque achat dépense. 0 dépense tout ce qu&apos;il reste du budget du bot.</translation>
    </message>
    <message>
        <source>RSI</source>
        <translation>RSI</translation>
    </message>
    <message>
        <source>Buys when the market recovers from being oversold and sells when it turns down from being overbought, using the Relative Strength Index (0–100) of the closing price. A buy happens when the RSI rises back above the oversold line, a sale of everything held when it falls back below the overbought line. It never buys while holding and never sells while holding nothing.</source>
        <translation>Achète quand le marché se reprend après une survente et vend quand il se retourne après un surachat, d&apos;après l&apos;indice de force relative (RSI, de 0 à 100) du prix de clôture. Un achat a lieu quand le RSI repasse au-dessus de la ligne de survente, une vente de tout le détenu quand il repasse sous la ligne de surachat. Il n&apos;achète jamais en détenant déjà et ne vend jamais sans rien détenir.</translation>
    </message>
    <message>
        <source>RSI period</source>
        <translation>Période du RSI</translation>
    </message>
    <message>
        <source>How many candles the RSI averages its gains and losses over (14 is the usual choice).</source>
        <translation>Sur combien de bougies le RSI fait la moyenne des hausses et des baisses (14 est le choix habituel).</translation>
    </message>
    <message>
        <source>Oversold line</source>
        <translation>Ligne de survente</translation>
    </message>
    <message>
        <source>The RSI level under which the market counts as oversold. The bot buys when the RSI climbs back above it.</source>
        <translation>Le niveau de RSI sous lequel le marché est considéré comme survendu. Le bot achète quand le RSI repasse au-dessus.</translation>
    </message>
    <message>
        <source>Overbought line</source>
        <translation>Ligne de surachat</translation>
    </message>
    <message>
        <source>The RSI level over which the market counts as overbought. The bot sells when the RSI falls back below it.</source>
        <translation>Le niveau de RSI au-dessus duquel le marché est considéré comme suracheté. Le bot vend quand le RSI repasse en dessous.</translation>
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
    <name>TraderQuestion</name>
    <message>
        <source>key %1</source>
        <translation>clé %1</translation>
    </message>
    <message>
        <source>no API key (offline demo)</source>
        <translation>pas de clé API (démo hors ligne)</translation>
    </message>
    <message>
        <source>Start a Trader bot?</source>
        <translation>Démarrer un bot Trader&#xa0;?</translation>
    </message>
    <message>
        <source>“%1” will place REAL orders on your %2 account “%3”, spending up to %4.</source>
        <translation>«&#xa0;%1&#xa0;» va passer de VRAIS ordres sur votre compte %2 «&#xa0;%3&#xa0;», en dépensant jusqu&apos;à %4.</translation>
    </message>
    <message>
        <source>Account: %1 — %2, %3
Market: %4 · %5
Budget: up to %6 of real money

This is a Trader bot, not a Ghost: its orders spend your money.</source>
        <translation>Compte&#xa0;: %1 — %2, %3
Marché&#xa0;: %4 · %5
Budget&#xa0;: jusqu&apos;à %6 d&apos;argent réel

C&apos;est un bot Trader, pas un Ghost&#xa0;: ses ordres dépensent votre argent.</translation>
    </message>
    <message>
        <source>“%1” will place REAL orders on the offline demo exchange “%2”, spending up to %3 of its play money.</source>
        <translation>«&#xa0;%1&#xa0;» va passer de VRAIS ordres sur la plateforme de démo hors ligne «&#xa0;%2&#xa0;», en dépensant jusqu&apos;à %3 de son argent fictif.</translation>
    </message>
    <message>
        <source>Account: %1 — %2, %3
Market: %4 · %5
Budget: up to %6

This is a Trader bot: on a Binance platform the same bot would spend your money. Here nothing leaves this computer.</source>
        <translation>Compte&#xa0;: %1 — %2, %3
Marché&#xa0;: %4 · %5
Budget&#xa0;: jusqu&apos;à %6

C&apos;est un bot Trader&#xa0;: sur une plateforme Binance, ce même bot dépenserait votre argent. Ici, rien ne quitte cet ordinateur.</translation>
    </message>
    <message>
        <source>Start Trader bot</source>
        <translation>Démarrer le bot Trader</translation>
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
        <source>The bots keep running. Click the icon to open the window again; Settings › Bots changes what closing the window does.</source>
        <translation>Les bots continuent de tourner. Cliquez sur l&apos;icône pour rouvrir la fenêtre&#xa0;; Paramètres › Bots change ce que fait la fermeture de la fenêtre.</translation>
    </message>
</context>
</TS>
