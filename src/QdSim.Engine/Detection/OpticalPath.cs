using System.Runtime.CompilerServices;
using QdSim.Engine.Photons;
using QdSim.Engine.Random;
using QdSim.Models.Parameters.Detection;

namespace QdSim.Engine.Detection;

/// <summary>
/// The optical path of PHYSICS.md §8 as the kinetics sees it: collection, filters, polariser, beam splitter and
/// per-arm elements, detector quantum efficiency. Light is carried as the linear Stokes vector (S0, S1, S2) of one
/// photon's collected intensity; circular polarisation never arises because no element has retardance.
/// </summary>
/// <remarks>
/// <para>Collected light of a linear dipole d (z = optical axis), an approximation stated here: the in-plane part
/// η_∥(d_x² + d_y²) is linearly polarised along the in-plane projection of d (paraxial; depolarisation at high NA
/// is neglected), so S1 = η_∥(d_x² − d_y²), S2 = 2η_∥ d_x d_y; the axial part η_⊥ d_z² is radially polarised and
/// so unpolarised on average over the aperture (enters S0 only).</para>
/// <para>Polarisers and polarising splitters are linear diattenuators (Mueller matrix of a partial polariser,
/// e.g. Goldstein, <i>Polarized Light</i>, 3rd ed., §5.2); Malus' law follows for an ideal one.</para>
/// <para>All methods are allocation-free; <see cref="DetectionProbability"/> is deterministic.</para>
/// </remarks>
public sealed class OpticalPath : IOpticalPath
{
    /// <summary>hc in eV·nm: wavelength (nm) = HcEvNm / energy (eV).</summary>
    public const double HcEvNm = 1239.841984;

    private const int MaxDetectors = 64;

    private readonly double _etaInPlane, _etaAxial;
    private readonly Element[] _common;
    private readonly BeamSplitterKind _splitterKind;
    private readonly bool _hasSplitter;
    private readonly double[] _armFractions;
    private readonly Element _splitterPort0, _splitterPort1;  // polarising or dichroic arm filters
    private readonly Element[][] _armElements;
    private readonly QuantumEfficiency[] _qe;

    public OpticalPath(OpticalPathParameters parameters)
    {
        parameters.Validate();
        if (parameters.DetectorCount > MaxDetectors)
            throw new UserInputException($"Detection:OpticalPath:Arms: {parameters.DetectorCount} detectors configured, at most {MaxDetectors} supported");
        _etaInPlane = parameters.Collection.InPlaneDipoleFraction;
        _etaAxial = parameters.Collection.AxialDipoleFraction;
        _common = parameters.Elements.Select(Element.From).ToArray();
        _armElements = parameters.Arms.Select(a => a.Elements.Select(Element.From).ToArray()).ToArray();
        _qe = parameters.Arms.Select(a => new QuantumEfficiency(a.Detector)).ToArray();
        DetectorCount = parameters.Arms.Count;
        var bs = parameters.BeamSplitter;
        _hasSplitter = bs is not null;
        _armFractions = [1.0];
        if (bs is null) return;
        _splitterKind = bs.Kind;
        switch (bs.Kind)
        {
            case BeamSplitterKind.Ratio:
                _armFractions = bs.ArmFractions.ToArray();
                break;
            case BeamSplitterKind.Polarising:
                // Energy-conserving cube: T_max + T_min = 1 in each arm.
                double tMax = bs.ExtinctionRatio / (bs.ExtinctionRatio + 1), tMin = 1 / (bs.ExtinctionRatio + 1);
                _splitterPort0 = Element.Polariser(bs.AxisDeg, tMax, tMin);
                _splitterPort1 = Element.Polariser(bs.AxisDeg + 90, tMax, tMin);
                break;
            case BeamSplitterKind.Dichroic:
                _splitterPort0 = Element.Edge(bs.LongWavelengthsToArm0 ? 1 : -1, bs.EdgeNm, bs.EdgeWidthNm, 1, 0);
                _splitterPort1 = Element.Edge(bs.LongWavelengthsToArm0 ? -1 : 1, bs.EdgeNm, bs.EdgeWidthNm, 1, 0);
                break;
        }
    }

    public int DetectorCount { get; }

    /// <inheritdoc />
    public double DetectionProbability(in EmittedPhoton photon)
    {
        Span<double> perDetector = stackalloc double[DetectorCount];
        return ArmProbabilities(photon, perDetector);
    }

    /// <summary>
    /// Probability that the photon clicks detector i, for every i (ignoring dead time); returns their sum η.
    /// </summary>
    public double ArmProbabilities(in EmittedPhoton photon, Span<double> perDetector)
    {
        double wavelengthNm = HcEvNm / photon.EnergyEv;
        double dx = photon.DipoleX, dy = photon.DipoleY, dz = photon.DipoleZ;
        double norm = dx * dx + dy * dy + dz * dz;
        if (!(norm > 0)) norm = 1; // no dipole given: treat as unpolarised with the axial efficiency
        var light = new Stokes(
            (_etaInPlane * (dx * dx + dy * dy) + _etaAxial * dz * dz) / norm,
            _etaInPlane * (dx * dx - dy * dy) / norm,
            _etaInPlane * 2 * dx * dy / norm);
        for (int i = 0; i < _common.Length; i++) _common[i].Apply(ref light, wavelengthNm);

        double total = 0;
        for (int arm = 0; arm < DetectorCount; arm++)
        {
            Stokes armLight = light;
            if (_hasSplitter)
            {
                if (_splitterKind == BeamSplitterKind.Ratio) armLight.Scale(_armFractions[arm]);
                else (arm == 0 ? _splitterPort0 : _splitterPort1).Apply(ref armLight, wavelengthNm);
            }
            var elements = _armElements[arm];
            for (int i = 0; i < elements.Length; i++) elements[i].Apply(ref armLight, wavelengthNm);
            double p = Math.Clamp(armLight.S0 * _qe[arm].At(wavelengthNm), 0, 1);
            perDetector[arm] = p;
            total += p;
        }
        return total;
    }

    /// <inheritdoc />
    public int Route(in EmittedPhoton photon, ref RandomStream rng, bool conditionOnDetection)
    {
        Span<double> perDetector = stackalloc double[DetectorCount];
        double total = ArmProbabilities(photon, perDetector);
        double u = rng.NextDouble();
        if (conditionOnDetection)
        {
            if (!(total > 0)) return -1;
            u *= total;
        }
        double cumulative = 0;
        for (int arm = 0; arm < perDetector.Length; arm++)
        {
            cumulative += perDetector[arm];
            if (u < cumulative) return arm;
        }
        // Rounding can leave u = total·(1 − ε) just above the sum: a detected photon still goes to the last live arm.
        if (conditionOnDetection)
            for (int arm = perDetector.Length - 1; arm >= 0; arm--)
                if (perDetector[arm] > 0) return arm;
        return -1;
    }

    /// <summary>Linear Stokes parameters of the photon's collected intensity.</summary>
    private struct Stokes(double s0, double s1, double s2)
    {
        public double S0 = s0, S1 = s1, S2 = s2;

        public void Scale(double f)
        {
            S0 *= f; S1 *= f; S2 *= f;
        }
    }

    /// <summary>A compiled optical element: a spectral transmission or a linear diattenuator. Plain struct, no virtual calls.</summary>
    private readonly struct Element
    {
        private enum Type : byte { Edge, Band, Notch, Polariser }

        private readonly Type _type;
        private readonly int _direction;               // Edge: +1 long-pass, −1 short-pass
        private readonly double _lowNm, _highNm;       // Edge: _lowNm is the edge; Band/Notch: the band limits
        private readonly double _inverseScaleNm;       // 1/s of the logistic edge; +∞ for a step
        private readonly double _pass, _block;
        private readonly double _cos2, _sin2, _a, _b, _g;  // diattenuator: cos 2θ, sin 2θ, (q+r)/2, (q−r)/2, √(qr)

        private Element(Type type, int direction, double lowNm, double highNm, double edgeWidthNm, double pass, double block)
        {
            _type = type;
            _direction = direction;
            _lowNm = lowNm;
            _highNm = highNm;
            // Logistic 10%–90% width = 2 ln 9 · s.
            _inverseScaleNm = edgeWidthNm > 0 ? 2 * Math.Log(9) / edgeWidthNm : double.PositiveInfinity;
            _pass = pass;
            _block = block;
        }

        private Element(double angleDeg, double tMax, double tMin)
        {
            _type = Type.Polariser;
            double twoTheta = 2 * angleDeg * Math.PI / 180;
            _cos2 = Math.Cos(twoTheta);
            _sin2 = Math.Sin(twoTheta);
            _a = (tMax + tMin) / 2;
            _b = (tMax - tMin) / 2;
            _g = Math.Sqrt(tMax * tMin);
        }

        public static Element Edge(int direction, double edgeNm, double edgeWidthNm, double pass, double block) =>
            new(Type.Edge, direction, edgeNm, 0, edgeWidthNm, pass, block);

        public static Element Polariser(double angleDeg, double tMax, double tMin) => new(angleDeg, tMax, tMin);

        public static Element From(OpticalElementParameters p) => p.Kind switch
        {
            OpticalElementKind.LongPass => Edge(1, p.EdgeNm, p.EdgeWidthNm, p.PassTransmission, p.BlockTransmission),
            OpticalElementKind.ShortPass => Edge(-1, p.EdgeNm, p.EdgeWidthNm, p.PassTransmission, p.BlockTransmission),
            OpticalElementKind.BandPass => new(Type.Band, 0, p.CentreNm - p.WidthNm / 2, p.CentreNm + p.WidthNm / 2, p.EdgeWidthNm, p.PassTransmission, p.BlockTransmission),
            OpticalElementKind.Notch => new(Type.Notch, 0, p.CentreNm - p.WidthNm / 2, p.CentreNm + p.WidthNm / 2, p.EdgeWidthNm, p.PassTransmission, p.BlockTransmission),
            _ => Polariser(p.AngleDeg, p.PassTransmission, p.PassTransmission / p.ExtinctionRatio),
        };

        /// <summary>Logistic step rising through 1/2 at <paramref name="edgeNm"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private double Rise(double wavelengthNm, double edgeNm)
        {
            double x = (wavelengthNm - edgeNm) * _inverseScaleNm;
            if (double.IsNaN(x)) return 0.5;            // step exactly at the edge
            // Far on the open side (the usual case: the line lies well inside the pass band) the logistic is exactly
            // 1.0 in double precision: e^(−37) ≈ 8.5e-17 is below half an ulp of 1 (2^−53 ≈ 1.1e-16), so 1 + e^(−x)
            // rounds to 1. Returning 1.0 skips the exp and gives the bit-identical result.
            if (x > 37) return 1.0;
            return 1.0 / (1.0 + Math.Exp(-x));
        }

        public void Apply(ref Stokes light, double wavelengthNm)
        {
            switch (_type)
            {
                case Type.Edge:
                    {
                        double r = Rise(wavelengthNm, _lowNm);
                        double open = _direction > 0 ? r : 1 - r;
                        light.Scale(_block + (_pass - _block) * open);
                        break;
                    }
                case Type.Band:
                case Type.Notch:
                    {
                        double inBand = Rise(wavelengthNm, _lowNm) * (1 - Rise(wavelengthNm, _highNm));
                        double open = _type == Type.Band ? inBand : 1 - inBand;
                        light.Scale(_block + (_pass - _block) * open);
                        break;
                    }
                default:
                    {
                        double s0 = light.S0, s1 = light.S1, s2 = light.S2;
                        double cs = (_a - _g) * _cos2 * _sin2;
                        light.S0 = _a * s0 + _b * (_cos2 * s1 + _sin2 * s2);
                        light.S1 = _b * _cos2 * s0 + (_a * _cos2 * _cos2 + _g * _sin2 * _sin2) * s1 + cs * s2;
                        light.S2 = _b * _sin2 * s0 + cs * s1 + (_a * _sin2 * _sin2 + _g * _cos2 * _cos2) * s2;
                        break;
                    }
            }
        }
    }

    /// <summary>Detector efficiency vs wavelength: constant, or linear interpolation in a table held flat beyond its ends.</summary>
    private readonly struct QuantumEfficiency
    {
        private readonly double _constant;
        private readonly double[] _wavelengthsNm, _values;

        public QuantumEfficiency(DetectorParameters detector)
        {
            _constant = detector.QuantumEfficiencyFraction;
            _wavelengthsNm = detector.QuantumEfficiencyTable.Select(p => p.WavelengthNm).ToArray();
            _values = detector.QuantumEfficiencyTable.Select(p => p.EfficiencyFraction).ToArray();
        }

        public double At(double wavelengthNm)
        {
            var w = _wavelengthsNm;
            if (w.Length == 0) return _constant;
            if (wavelengthNm <= w[0]) return _values[0];
            if (wavelengthNm >= w[^1]) return _values[^1];
            int i = 1;
            while (w[i] < wavelengthNm) i++;
            double f = (wavelengthNm - w[i - 1]) / (w[i] - w[i - 1]);
            return _values[i - 1] + f * (_values[i] - _values[i - 1]);
        }
    }
}
