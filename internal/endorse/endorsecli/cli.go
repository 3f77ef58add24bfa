// Package endorsecli is the endorse command (tools/endorse): serve, user
// add, export, purge. docs/endorsements.md describes it.
package endorsecli

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/concord-initiative/concord/internal/endorse"
	"github.com/concord-initiative/concord/internal/endorse/mail"
	"github.com/concord-initiative/concord/internal/endorse/store"
)

const usage = `usage:
  endorse serve [--addr 127.0.0.1:8470] [--db DSN] [--site DIR] [--site-url URL] [--public-url URL]
                [--mail-dir DIR] [--key-file FILE] [--trusted-proxy CIDR,...] [limits...]
  endorse user add [--db DSN] NAME        (the password is read from standard input)
  endorse export [--db DSN] [--site DIR] [-w] INITIATIVE
  endorse purge [--db DSN] [--erase-days 90]

DSN is sqlite:PATH (default sqlite:build/endorse.db) or postgres://USER@HOST/DB.
docs/endorsements.md describes the service, its flags and its deployment.`

// Main runs the command with args (without the program name); it returns
// the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(args[1:], stderr)
	case "user":
		if len(args) < 2 || args[1] != "add" {
			fmt.Fprintln(stderr, usage)
			return 2
		}
		err = userAdd(args[2:], stdin, stdout)
	case "export":
		err = export(args[1:], stdout, stderr)
	case "purge":
		err = purge(args[1:], stdout)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "endorse: unknown command %q\n%s\n", args[0], usage)
		return 2
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "endorse: %v\n%s\n", err, usage)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "endorse: %v\n", err)
		return 1
	}
	return 0
}

type usageError struct{ error }

func flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	return nil
}

const defaultDB = "sqlite:build/endorse.db"

func openStore(dsn string) (store.Store, error) {
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return store.Open(ctx, dsn)
}

func serve(args []string, stderr io.Writer) error {
	fs := flags("serve")
	addr := fs.String("addr", "127.0.0.1:8470", "")
	dsn := fs.String("db", defaultDB, "")
	site := fs.String("site", ".", "")
	siteURL := fs.String("site-url", "", "")
	publicURL := fs.String("public-url", "", "")
	mailDir := fs.String("mail-dir", "", "")
	from := fs.String("from", "", "")
	keyFile := fs.String("key-file", "build/endorse.key", "")
	proxies := fs.String("trusted-proxy", "", "")
	confirmHours := fs.Int("confirm-hours", 72, "")
	eraseDays := fs.Int("erase-days", 90, "")
	minFill := fs.Duration("min-fill", 3*time.Second, "")
	ipBurst := fs.Int("ip-burst", 10, "")
	ipHour := fs.Int("ip-hour", 60, "")
	domainBurst := fs.Int("domain-burst", 30, "")
	domainHour := fs.Int("domain-hour", 300, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	key, err := loadKey(*keyFile)
	if err != nil {
		return err
	}
	var trusted []netip.Prefix
	for p := range strings.SplitSeq(*proxies, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !strings.Contains(p, "/") {
			a, err := netip.ParseAddr(p)
			if err != nil {
				return usageError{fmt.Errorf("--trusted-proxy %q: %v", p, err)}
			}
			p = netip.PrefixFrom(a, a.BitLen()).String()
		}
		pre, err := netip.ParsePrefix(p)
		if err != nil {
			return usageError{fmt.Errorf("--trusted-proxy %q: %v", p, err)}
		}
		trusted = append(trusted, pre)
	}
	var sender mail.Sender
	smtpCfg, err := mail.SMTPFromEnv()
	switch {
	case err != nil:
		return err
	case smtpCfg != nil:
		sender = smtpCfg
	case *mailDir != "":
		sender = mail.Dir{Path: *mailDir}
	default:
		return usageError{errors.New("no way to send mail: set ENDORSE_SMTP_HOST (and _PORT, _USER, _PASSWORD) or give --mail-dir for development")}
	}
	if smtpCfg != nil {
		// Only the .eml folder has an outbox page.
		*mailDir = ""
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	if *publicURL == "" {
		*publicURL = "http://" + l.Addr().String()
	}
	st, err := openStore(*dsn)
	if err != nil {
		l.Close()
		return err
	}
	defer st.Close()
	logger := log.New(stderr, "endorse: ", log.LstdFlags)
	eraseAfter := time.Duration(*eraseDays) * 24 * time.Hour
	srv, err := endorse.New(endorse.Config{
		SiteDir: *site, SiteURL: *siteURL, PublicURL: *publicURL, Store: st, Mail: sender, MailFrom: *from,
		MailDir: *mailDir, Key: key, ConfirmTTL: time.Duration(*confirmHours) * time.Hour, EraseAfter: eraseAfter,
		MinFillTime: *minFill, IPLimit: endorse.Limit{Burst: *ipBurst, PerHour: *ipHour},
		DomainLimit: endorse.Limit{Burst: *domainBurst, PerHour: *domainHour}, TrustedProxies: trusted, Log: logger,
	})
	if err != nil {
		l.Close()
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// The purge on a timer: hourly, and once at start-up.
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			if d, e, err := endorse.Purge(ctx, st, eraseAfter, time.Now()); err != nil {
				logger.Printf("purge: %v", err)
			} else if d+e > 0 {
				logger.Printf("purge: %d unconfirmed deleted, %d erased", d, e)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second, MaxHeaderBytes: 16 << 10}
	logger.Printf("serving on http://%s (public address %s, database %s)", l.Addr(), *publicURL, strings.SplitN(*dsn, "@", 2)[0])
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return hs.Shutdown(shut)
	}
}

// loadKey reads the signing key from ENDORSE_KEY (hex) or the key file,
// creating the file with a new random key when it does not exist.
func loadKey(path string) ([]byte, error) {
	if k := os.Getenv("ENDORSE_KEY"); k != "" {
		key, err := hex.DecodeString(strings.TrimSpace(k))
		if err != nil || len(key) < 16 {
			return nil, errors.New("ENDORSE_KEY must be at least 32 hexadecimal digits")
		}
		return key, nil
	}
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		key := make([]byte, 32)
		rand.Read(key)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
			return nil, err
		}
		return key, nil
	}
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("%s must hold at least 32 hexadecimal digits", path)
	}
	return key, nil
}

func userAdd(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flags("user add")
	dsn := fs.String("db", defaultDB, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || fs.Arg(0) == "" || fs.Arg(0) == endorse.SignatoryUser {
		return usageError{errors.New("user add takes one user name (not \"signatory\")")}
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	password := strings.TrimRight(line, "\r\n")
	if len([]rune(password)) < 12 {
		return errors.New("the password must have at least 12 characters (read from standard input, one line)")
	}
	st, err := openStore(*dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.AddUser(context.Background(), fs.Arg(0), endorse.HashPassword(password)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "endorse: user %s can log in at /admin/\n", fs.Arg(0))
	return nil
}

func export(args []string, stdout, stderr io.Writer) error {
	fs := flags("export")
	dsn := fs.String("db", defaultDB, "")
	site := fs.String("site", ".", "")
	write := fs.Bool("w", false, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageError{errors.New("export takes one initiative ID")}
	}
	st, err := openStore(*dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	res, problems, err := endorse.Export(context.Background(), st, *site, fs.Arg(0), *write, time.Now())
	for _, p := range problems {
		fmt.Fprintln(stderr, p.String())
	}
	if err != nil {
		return err
	}
	verb := "would add"
	if *write {
		verb = "added"
	}
	if !*write {
		stdout.Write(res.Text)
	}
	fmt.Fprintf(stderr, "endorse: %s: %s %d, changed %d%s\n", res.File, verb, len(res.Added), len(res.Changed), listIDs(res.Added, res.Changed))
	return nil
}

func listIDs(added, changed []string) string {
	all := append(append([]string{}, added...), changed...)
	if len(all) == 0 {
		return ""
	}
	return " (" + strings.Join(all, ", ") + ")"
}

func purge(args []string, stdout io.Writer) error {
	fs := flags("purge")
	dsn := fs.String("db", defaultDB, "")
	days := fs.Int("erase-days", 90, "")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(*dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	d, e, err := endorse.Purge(context.Background(), st, time.Duration(*days)*24*time.Hour, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "endorse: %d unconfirmed endorsement(s) deleted, personal data of %d erased\n", d, e)
	return nil
}
